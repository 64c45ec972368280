using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Everything a path's .c and weights file need, already formatted as C. StepRegions: the regions
/// the per-frame steps touch (the process function declares base pointers for those only).
/// </summary>
internal sealed record PathCode(
    IReadOnlyList<CStep> Steps,
    IReadOnlyList<CArray> Arrays,
    IReadOnlyList<string> ResetLines,
    IReadOnlySet<string> Kernels,
    IReadOnlySet<BufferRegion> StepRegions);
