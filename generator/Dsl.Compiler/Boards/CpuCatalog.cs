namespace Dsl.Compiler.Boards;

/// <summary>What dslc knows about each Cortex-M cpu: which FPU values and extensions are legal.</summary>
/// <param name="Cpu">gcc <c>-mcpu</c> base name.</param>
/// <param name="Fpus">Allowed <c>fpu</c> values.</param>
/// <param name="CanDsp">The architecture has the DSP extension.</param>
/// <param name="CanMve">The architecture has Helium.</param>
public sealed record CpuCatalog(string Cpu, IReadOnlyList<string> Fpus, bool CanDsp, bool CanMve)
{
    /// <summary>Every cpu a board profile may name.</summary>
    public static IReadOnlyList<CpuCatalog> Known { get; } =
    [
        new("cortex-m0", ["none"], false, false),
        new("cortex-m0plus", ["none"], false, false),
        new("cortex-m3", ["none"], false, false),
        new("cortex-m4", ["none", "fpv4-sp-d16"], true, false),
        new("cortex-m7", ["none", "fpv5-sp-d16", "fpv5-d16"], true, false),
        new("cortex-m33", ["none", "fpv5-sp-d16"], true, false),
        new("cortex-m55", ["none", "auto"], true, true),
        new("cortex-m85", ["none", "auto"], true, true),
    ];

    public static CpuCatalog? Find(string cpu) => Known.FirstOrDefault(c => c.Cpu == cpu);
}
