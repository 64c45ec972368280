namespace Dsl.Compiler.Boards;

/// <summary>A board: its cores, which core runs which path, an optional shared region for the
/// handoff ring, and (when emulated) its QEMU machine.</summary>
/// <param name="Name">Board name (the YAML file name without extension).</param>
/// <param name="Description">One line for humans.</param>
/// <param name="Source">Where the memory map and clocks come from.</param>
/// <param name="Cores">The cores, at least one.</param>
/// <param name="LightCore">Id of the core that runs the always-on light path.</param>
/// <param name="HeavyCore">Id of the core that runs the gated heavy path (same as light on single-core boards).</param>
/// <param name="Shared">Memory both cores see at the same address, for the handoff ring; null if none.</param>
/// <param name="Qemu">Emulation settings; null for build-only boards.</param>
/// <param name="FilePath">The YAML file this profile was loaded from.</param>
public sealed record BoardProfile(
    string Name,
    string Description,
    string Source,
    IReadOnlyList<CoreProfile> Cores,
    string LightCore,
    string HeavyCore,
    MemoryRegion? Shared,
    QemuProfile? Qemu,
    string FilePath)
{
    /// <summary>The board glue of a two-core board (doorbell, cache hooks): the folder
    /// <c>runtime-c/target/glue/&lt;Glue&gt;</c> with one subfolder per path core; null when the board has none
    /// (the application then provides the hooks itself).</summary>
    public string? Glue { get; init; }

    /// <summary>Share of each frame period (percent) the model may use on a core: the frame deadline is this
    /// share of frame / sample rate (<c>frame_budget_percent</c>, default 100: the whole frame).</summary>
    public int FrameBudgetPercent { get; init; } = 100;

    public bool IsSingleCore => LightCore == HeavyCore;

    public bool IsEmulated => Qemu is not null;

    public CoreProfile Core(string id) =>
        Cores.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"board '{Name}' has no core '{id}'", nameof(id));

    public CoreProfile Light => Core(LightCore);

    public CoreProfile Heavy => Core(HeavyCore);

    /// <summary>The most capable kernel variant every path core can run (portable &lt; dsp &lt; mve): what a
    /// model folder emitted with one variant for this board must use.</summary>
    public KernelVariant CommonKernelVariant =>
        Light.KernelVariant <= Heavy.KernelVariant ? Light.KernelVariant : Heavy.KernelVariant;
}
