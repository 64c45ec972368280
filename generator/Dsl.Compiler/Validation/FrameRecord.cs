namespace Dsl.Compiler.Validation;

/// <summary>One frame of a harness trace (docs/generated-api.md, "Frame trace").</summary>
/// <param name="Route">0 light, 1 heavy.</param>
/// <param name="ReplayFrames">Handoff frames replayed before this one (light→heavy transition), else 0.</param>
/// <param name="SwitchScore">Quantized switch logit.</param>
/// <param name="LightInstructions">Instructions of the light path for this frame (0 when not measured).</param>
/// <param name="HeavyInstructions">Instructions of the heavy path incl. replay (0 on light frames / not measured).</param>
/// <param name="LightOut">Light output, frame_samples int16.</param>
/// <param name="Handoff">Handoff frame of age 0, handoff_bytes int8.</param>
/// <param name="HeavyOut">Heavy output, frame_samples int16 (zeros on light frames); a classifier head's scores
/// widened to int16 (the gated scores on light frames).</param>
/// <param name="Process">The same frame through the single-core m_process (pass 2 of the trace).</param>
public sealed record FrameRecord(
    int Route,
    int ReplayFrames,
    int SwitchScore,
    uint LightInstructions,
    uint HeavyInstructions,
    short[] LightOut,
    sbyte[] Handoff,
    short[] HeavyOut,
    ProcessRecord Process)
{
    /// <summary>A frame whose m_process record is what routing defines (the rule in docs/architecture.md): the same
    /// decision, the heavy output on heavy frames and the light output on light frames; with a classifier head
    /// (<paramref name="classHead"/>) always the scores (a light frame's are the gated ones).</summary>
    public static FrameRecord Routed(int route, int replayFrames, int switchScore, uint lightInstructions,
        uint heavyInstructions, short[] lightOut, sbyte[] handoff, short[] heavyOut, bool classHead = false) =>
        new(route, replayFrames, switchScore, lightInstructions, heavyInstructions, lightOut, handoff, heavyOut,
            new ProcessRecord(route, replayFrames, switchScore, route == 1 || classHead ? heavyOut : lightOut));
}
