using System.Globalization;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>Computes <see cref="CoreBuildPlan"/>s from a board profile and a model folder.</summary>
public static class BuildPlanner
{
    /// <summary>Flags every build of generated code uses.</summary>
    public static IReadOnlyList<string> CommonCFlags { get; } =
        ["-std=c99", "-O2", "-Wall", "-Wextra", "-pedantic", "-ffunction-sections", "-fdata-sections"];

    /// <summary>Extra flags for bare-metal images (no C library: runtime-c/target brings memcpy/memset).</summary>
    public static IReadOnlyList<string> TargetCFlags { get; } = ["-ffreestanding"];

    /// <summary>Link flags of a bare-metal test image (dsl_target.ld includes memory.ld from -L).</summary>
    public static IReadOnlyList<string> TargetLinkFlags { get; } =
        ["-nostdlib", "-nostartfiles", "-Wl,--gc-sections", "-T", "dsl_target.ld", "-lgcc"];

    /// <summary>Section the handoff ring goes to on boards with a shared region (placed by memory.ld).</summary>
    public const string HandoffSection = ".dsl_handoff";

    /// <summary>Which core runs which path(s): one entry per core that runs a path.</summary>
    public static IReadOnlyList<(CoreProfile Core, string Role)> PathCores(BoardProfile board) =>
        board.IsSingleCore
            ? [(board.Light, "light+heavy")]
            : [(board.Light, "light"), (board.Heavy, "heavy")];

    /// <summary>The core builds of a board: one per core that runs a path (one for single-core boards),
    /// each in <c>&lt;glueDir&gt;/&lt;core id&gt;</c>.</summary>
    public static IReadOnlyList<CoreBuildPlan> ForBoard(BoardProfile board, ModelFolder model, string glueDir) =>
        PathCores(board).Select(pc => ForCore(board, pc.Core, pc.Role, model, Path.Combine(glueDir, pc.Core.Id))).ToList();

    /// <summary>A static library of one core's path(s) with the core's flags.</summary>
    public static CoreBuildPlan ForCore(BoardProfile board, CoreProfile core, string role, ModelFolder model, string coreDir)
    {
        model.RequireRunnableOn(board, core, role);
        var sources = role switch
        {
            "light" => model.LightSources,
            "heavy" => model.HeavySources,
            _ => [.. model.LightSources, .. model.HeavySources, .. model.SingleCoreSources],
        };
        // Two cores: the core's entry points and the shared object (.dsl_handoff) from its own folder
        // (TwoCoreSources, written there by the glue writer or the link check).
        IReadOnlyList<string> twoCore = board.IsSingleCore
            ? []
            : [Path.Combine(coreDir, Emit.TwoCoreSources.SharedSource(model.Name)), Path.Combine(coreDir, Emit.TwoCoreSources.EntrySource(model.Name, role)),
                .. BoardGlue.SourceNames(board, core, role, model.Name).Select(n => Path.Combine(coreDir, n))];
        return new CoreBuildPlan(
            $"{model.Name}_{core.Id}",
            role,
            "arm-none-eabi-gcc",
            [.. sources, .. twoCore, .. model.RuntimeSources(core.KernelVariant)],
            board.IsSingleCore ? model.IncludeDirs() : [coreDir, .. model.IncludeDirs()],
            BoardGlue.Defines(board),
            [.. core.GccFlags, .. CommonCFlags, .. TargetCFlags],
            [],
            coreDir,
            false);
    }

    /// <summary>The QEMU test firmware of an emulated board: harness (semihosting backend), target
    /// runtime (startup, semihosting, SysTick counter, mem functions) and the whole model on one core.</summary>
    /// <param name="board">An emulated board.</param>
    /// <param name="model">The model folder.</param>
    /// <param name="harnessDir">Folder with the harness sources (runtime-c/harness or a copy).</param>
    /// <param name="targetDir">Folder with the target runtime (runtime-c/target or a copy).</param>
    /// <param name="linkerDir">Folder holding memory.ld for this board and dsl_target.ld.</param>
    /// <param name="profileSteps">Also time every step (<c>DSL_PROFILE_STEPS</c> and the harness's
    /// dsl_harness_profile.c): the firmware then writes a per-step profile (<see cref="StepProfile"/>).</param>
    public static CoreBuildPlan ForTestFirmware(BoardProfile board, ModelFolder model, string harnessDir, string targetDir, string linkerDir,
        bool profileSteps = false)
    {
        var qemu = board.Qemu ?? throw new DslException(DslErrorCode.Board,
            $"{board.FilePath}: qemu: board '{board.Name}' is build-only (no qemu section), so it has no test firmware; " +
            "use an emulated board (one with a qemu section) for validation");
        if (!board.IsSingleCore)
        {
            throw new DslException(DslErrorCode.Board,
                $"{board.FilePath}: board '{board.Name}' runs the light and heavy paths on two cores ('{board.LightCore}', " +
                $"'{board.HeavyCore}'): its test firmware is one image per core (ForTwoCoreTestFirmware, used by validate and " +
                "bench without --layers); the single-image firmware and the per-step profile run on single-core boards only");
        }

        var core = board.Light;
        model.RequireRunnableOn(board, core);
        return new CoreBuildPlan(
            $"{model.Name}_{Sanitize(board.Name)}_test" + (profileSteps ? "_profile" : ""),
            "test firmware",
            "arm-none-eabi-gcc",
            [
                Path.Combine(harnessDir, "dsl_harness_main.c"),
                Path.Combine(harnessDir, "dsl_harness_io_semihost.c"),
                .. profileSteps ? [Path.Combine(harnessDir, "dsl_harness_profile.c")] : Array.Empty<string>(),
                Path.Combine(targetDir, "dsl_startup.c"),
                Path.Combine(targetDir, "dsl_semihost.c"),
                Path.Combine(targetDir, "dsl_icount.c"),
                Path.Combine(targetDir, "dsl_mem.c"),
                .. model.LightSources, .. model.HeavySources, .. model.SingleCoreSources,
                .. model.RuntimeSources(core.KernelVariant),
            ],
            [harnessDir, targetDir, .. model.IncludeDirs()],
            [
                "DSL_HARNESS_TARGET=1",
                "DSL_TARGET_REF_HZ=" + qemu.SysTickRefHz.ToString(CultureInfo.InvariantCulture),
                "DSL_ICOUNT_SHIFT=" + qemu.IcountShift.ToString(CultureInfo.InvariantCulture),
                .. profileSteps ? ["DSL_PROFILE_STEPS=1"] : Array.Empty<string>(),
            ],
            [.. core.GccFlags, .. CommonCFlags, .. TargetCFlags],
            [.. TargetLinkFlags],
            linkerDir,
            true);
    }

    /// <summary>The QEMU test firmware of an emulated two-core board: one image per core. The light core
    /// (boots, CPU0) runs runtime-c/harness/dsl_harness_two_cores_light.c with the light path and writes the
    /// trace; the heavy core runs dsl_harness_two_cores_heavy.c with the heavy path. Each core's folder
    /// (<paramref name="lightDir"/>, <paramref name="heavyDir"/>) holds its memory.ld, dsl_target.ld and
    /// its two-core sources (<see cref="BuildGlueWriter.WriteTwoCoreSources"/>).</summary>
    public static (CoreBuildPlan Light, CoreBuildPlan Heavy) ForTwoCoreTestFirmware(BoardProfile board, ModelFolder model,
        string harnessDir, string targetDir, string lightDir, string heavyDir)
    {
        var qemu = board.Qemu ?? throw new DslException(DslErrorCode.Board,
            $"{board.FilePath}: qemu: board '{board.Name}' is build-only (no qemu section), so it has no test firmware");
        if (board.IsSingleCore || qemu.HeavyCore is null)
        {
            throw new ArgumentException($"board '{board.Name}' does not run its paths on two emulated cores", nameof(board));
        }

        var light = ForCore(board, board.Light, "light", model, lightDir);
        var heavy = ForCore(board, board.Heavy, "heavy", model, heavyDir);
        // Both images: startup, semihosting, mem functions and the SSE-200 doorbells / CPU1 release (heavy_start: sse200).
        string[] targetRuntime = [Path.Combine(targetDir, "dsl_sse200.c"), Path.Combine(targetDir, "dsl_startup.c"), Path.Combine(targetDir, "dsl_semihost.c"), Path.Combine(targetDir, "dsl_mem.c")];
        var name = $"{model.Name}_{Sanitize(board.Name)}_test";
        return (
            light with
            {
                Name = name + "_" + board.Light.Id,
                Role = "test firmware (light core)",
                Sources = [Path.Combine(harnessDir, "dsl_harness_two_cores_light.c"), Path.Combine(harnessDir, "dsl_harness_io_semihost.c"),
                    .. targetRuntime, Path.Combine(targetDir, "dsl_icount.c"), .. light.Sources],
                IncludeDirs = [harnessDir, targetDir, .. light.IncludeDirs],
                Defines =
                [
                    "DSL_HARNESS_TARGET=1",
                    "DSL_TARGET_REF_HZ=" + qemu.SysTickRefHz.ToString(CultureInfo.InvariantCulture),
                    "DSL_ICOUNT_SHIFT=" + qemu.IcountShift.ToString(CultureInfo.InvariantCulture),
                    "DSL_HEAVY_VECTORS=0x" + board.Heavy.Flash.Origin.ToString("X8", CultureInfo.InvariantCulture) + "u",
                    .. light.Defines,
                ],
                LinkFlags = [.. TargetLinkFlags],
                IsExecutable = true,
            },
            heavy with
            {
                Name = name + "_" + board.Heavy.Id,
                Role = "test firmware (heavy core)",
                Sources = [Path.Combine(harnessDir, "dsl_harness_two_cores_heavy.c"), .. targetRuntime, .. heavy.Sources],
                IncludeDirs = [harnessDir, targetDir, .. heavy.IncludeDirs],
                LinkFlags = [.. TargetLinkFlags],
                IsExecutable = true,
            });
    }

    /// <summary>A link check image of one core of any board (build-only boards included): the core's
    /// path(s) with runtime-c/harness/dsl_core_image_main.c and the target startup, linked into the core's
    /// memory.ld, so arm-none-eabi-size and the linker tell what the core really needs.</summary>
    /// <param name="board">The board.</param>
    /// <param name="core">The core.</param>
    /// <param name="role"><c>light</c>, <c>heavy</c>, <c>light+heavy</c>, or <c>none</c> (baseline: startup and stub only).</param>
    /// <param name="model">The model folder.</param>
    /// <param name="harnessDir">runtime-c/harness.</param>
    /// <param name="targetDir">runtime-c/target.</param>
    /// <param name="linkerDir">Folder holding this core's memory.ld and dsl_target.ld.</param>
    public static CoreBuildPlan ForCoreImage(BoardProfile board, CoreProfile core, string role, ModelFolder model,
        string harnessDir, string targetDir, string linkerDir)
    {
        var library = ForCore(board, core, role, model, linkerDir);
        var roleNumber = role switch { "none" => 0, "light" => 1, "heavy" => 2, _ => 3 };
        return library with
        {
            Name = $"{model.Name}_{core.Id}_image",
            Sources =
            [
                Path.Combine(harnessDir, "dsl_core_image_main.c"),
                Path.Combine(targetDir, "dsl_startup.c"),
                Path.Combine(targetDir, "dsl_semihost.c"),
                Path.Combine(targetDir, "dsl_mem.c"),
                .. roleNumber == 0 ? [] : library.Sources,
            ],
            IncludeDirs = [harnessDir, targetDir, .. library.IncludeDirs],
            Defines = [$"DSL_CORE_ROLE={roleNumber}", .. board.IsSingleCore ? Array.Empty<string>() : ["DSL_CORE_TWO_CORES=1"], .. library.Defines],
            LinkFlags = [.. TargetLinkFlags],
            IsExecutable = true,
        };
    }

    /// <summary>The harness on the host (stdio backend, no instruction counts) with the whole model.</summary>
    public static CoreBuildPlan ForHost(ModelFolder model, string harnessDir) =>
        new(
            $"{model.Name}_host_test",
            "test firmware",
            "gcc",
            [
                Path.Combine(harnessDir, "dsl_harness_main.c"),
                Path.Combine(harnessDir, "dsl_harness_io_stdio.c"),
                .. model.LightSources, .. model.HeavySources, .. model.SingleCoreSources,
                .. model.RuntimeSources(KernelVariant.Portable),
            ],
            [harnessDir, .. model.IncludeDirs()],
            [],
            [.. CommonCFlags],
            [],
            null,
            true);

    /// <summary>Turns a board name into a C identifier (mps2-an386 → mps2_an386).</summary>
    public static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
}
