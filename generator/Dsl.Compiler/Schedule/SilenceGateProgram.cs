namespace Dsl.Compiler.Schedule;

/// <summary>
/// The silence gate in integers (docs/silence-gate.md): a frame is silent when every input sample has
/// |x| &lt;= <paramref name="Threshold"/>. After <paramref name="QuietFrames"/> silent frames in a row (the
/// whole model's receptive field in frames plus the current one), the outputs depend on silence only: that
/// frame is faded out and every further silent frame is zeros. The first non-silent frame opens the gate.
/// </summary>
public sealed record SilenceGateProgram(int Threshold, int QuietFrames);
