using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Everything a path's .c and weights file need, already formatted as C. StepRegions: the regions
/// the per-frame steps touch (the process function declares base pointers for those only).
/// Specialised: the steps that call a function of their own (in step order).
/// </summary>
internal sealed record PathCode(
    IReadOnlyList<CStep> Steps,
    IReadOnlyList<CSpecialisedStep> Specialised,
    IReadOnlyList<CArray> Arrays,
    IReadOnlyList<string> ResetLines,
    IReadOnlySet<string> Kernels,
    IReadOnlySet<BufferRegion> StepRegions);
