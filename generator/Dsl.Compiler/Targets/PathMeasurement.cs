namespace Dsl.Compiler.Targets;

/// <summary>Measurements of one path of one model on one board.</summary>
/// <param name="Board">Board name.</param>
/// <param name="Core">Core id that runs the path.</param>
/// <param name="Path"><c>light</c> or <c>heavy</c>.</param>
/// <param name="ClockHz">Core clock from the profile.</param>
/// <param name="Frames">Frames the path ran on (all frames for light, heavy frames for heavy).</param>
/// <param name="MeanInstructions">Mean instructions per frame (heavy: replay included).</param>
/// <param name="MaxInstructions">Largest instructions of one frame.</param>
/// <param name="MacsPerFrame">Multiply-accumulates per frame of the path (from the dslc report).</param>
/// <param name="TextBytes">.text of the path.</param>
/// <param name="RodataBytes">.rodata of the path (weights, tables).</param>
/// <param name="BssBytes">.bss of the path.</param>
/// <param name="ArenaBytes">Arena of the path (memory plan).</param>
/// <param name="StateBytes">Persistent state of the path (memory plan).</param>
/// <param name="CallFrames">Frames that are one plain call of the path: light, every frame; heavy, the heavy
/// frames after a heavy frame (no reset, no replay). 0 when none.</param>
/// <param name="MeanInstructionsPerCall">Mean instructions of those frames.</param>
/// <param name="Profile">Per-step profile (<c>dslc bench --layers</c>), or null.</param>
public sealed record PathMeasurement(
    string Board,
    string Core,
    string Path,
    long ClockHz,
    int Frames,
    double MeanInstructions,
    long MaxInstructions,
    long MacsPerFrame,
    long TextBytes,
    long RodataBytes,
    long BssBytes,
    long ArenaBytes,
    long StateBytes,
    int CallFrames = 0,
    double MeanInstructionsPerCall = 0,
    PathProfile? Profile = null)
{
    /// <summary>Mean instructions of one call of the path, or null when no frame was one plain call.</summary>
    public double? InstructionsPerCall => CallFrames > 0 ? MeanInstructionsPerCall : null;
}
