namespace Dsl.Compiler.Validation;

/// <summary>What the single-core <c>m_process</c> returned for one frame (trace pass 2, docs/generated-api.md).</summary>
/// <param name="Route">0 light, 1 heavy.</param>
/// <param name="ReplayFrames">Handoff frames replayed before this one, else 0.</param>
/// <param name="SwitchScore">Quantized switch logit.</param>
/// <param name="Out">Routed output, frame_samples int16: the heavy output on heavy frames, the light output
/// (zeros in gate mode) on light frames.</param>
public sealed record ProcessRecord(int Route, int ReplayFrames, int SwitchScore, short[] Out);
