using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Reporting;

/// <summary>The emulated core each kernel variant's per-kernel instruction figures were measured on
/// (kernel-costs.json, <c>./build.sh bench</c>): what a build-only board's estimate stands on.</summary>
public static class EmulatedCoreClass
{
    public static string Of(KernelVariant variant) => variant switch
    {
        KernelVariant.Portable => "mps2-an385 (Cortex-M3)",
        KernelVariant.Dsp => "mps2-an386 (Cortex-M4)",
        _ => "mps3-an547 (Cortex-M55)",
    };

    /// <summary>The variant's name as the cost table spells it.</summary>
    public static string Name(KernelVariant variant) => variant.ToString().ToLowerInvariant();
}
