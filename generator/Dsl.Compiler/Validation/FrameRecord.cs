namespace Dsl.Compiler.Validation;

/// <summary>One frame of a harness trace (docs/generated-api.md, "Frame trace").</summary>
/// <param name="Route">0 light, 1 heavy.</param>
/// <param name="ReplayFrames">Handoff frames replayed before this one (light→heavy transition), else 0.</param>
/// <param name="SwitchScore">Quantized switch logit.</param>
/// <param name="LightInstructions">Instructions of the light path for this frame (0 when not measured).</param>
/// <param name="HeavyInstructions">Instructions of the heavy path incl. replay (0 on light frames / not measured).</param>
/// <param name="LightOut">Light output, frame_samples int16.</param>
/// <param name="Handoff">Handoff frame of age 0, handoff_bytes int8.</param>
/// <param name="HeavyOut">Heavy output, frame_samples int16 (zeros on light frames).</param>
public sealed record FrameRecord(
    int Route,
    int ReplayFrames,
    int SwitchScore,
    uint LightInstructions,
    uint HeavyInstructions,
    short[] LightOut,
    sbyte[] Handoff,
    short[] HeavyOut);
