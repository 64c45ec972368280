namespace Dsl.Compiler.Precision;

/// <summary>Int vs float SNR of one audio output (always-heavy execution) over the evaluation audio: the worst of
/// its level copies (<see cref="EvaluationAudio"/>).</summary>
/// <param name="Output">The output's name in dsl.json.</param>
/// <param name="SnrDb">SNR in dB.</param>
public sealed record OutputSnr(string Output, double SnrDb);
