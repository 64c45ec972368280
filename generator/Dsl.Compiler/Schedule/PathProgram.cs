using Dsl.Compiler.Analysis;

namespace Dsl.Compiler.Schedule;

/// <summary>The per-frame program of one path, with its memory plan.</summary>
public sealed record PathProgram(
    PathKind Path,
    IReadOnlyList<Step> Steps,
    int ArenaBytes,
    int StateBytes,
    IReadOnlyList<StateInit> StateInits);
