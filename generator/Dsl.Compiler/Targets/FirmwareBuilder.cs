using System.Text.RegularExpressions;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>Builds the test harness with dslc's own compiler calls (no make/cmake needed): the QEMU test
/// firmware of an emulated board, or the host program.</summary>
public static partial class FirmwareBuilder
{
    /// <summary>Compiles and links <paramref name="plan"/> in one compiler call into <paramref name="output"/>.
    /// <paramref name="warningsAsErrors"/> adds -Werror (generated code must be warning-free).</summary>
    public static string Build(CoreBuildPlan plan, string output, bool warningsAsErrors = true)
    {
        var compiler = new GccCompiler(plan.Compiler, TimeSpan.FromMinutes(5));
        var link = new List<string>();
        if (plan.LinkerScriptDir is not null)
        {
            link.AddRange(plan.CFlags.Where(f => f.StartsWith("-m", StringComparison.Ordinal)));
            link.Add("-L" + plan.LinkerScriptDir);
        }

        link.AddRange(plan.LinkFlags);
        IReadOnlyList<string> flags = warningsAsErrors ? [.. plan.CFlags, "-Werror"] : plan.CFlags;
        compiler.Compile(new CompileRequest(plan.Sources, plan.IncludeDirs, plan.Defines, flags, link, output));
        return output;
    }

    /// <summary>Builds <c>&lt;buildDir&gt;/&lt;m&gt;_&lt;board&gt;_test.elf</c> for an emulated board from the
    /// repository's harness and target runtime, with a memory.ld generated from the profile.
    /// <paramref name="profileSteps"/>: the per-step profiling build (see <see cref="BuildPlanner.ForTestFirmware"/>).</summary>
    public static string BuildTestFirmware(BoardProfile board, ModelFolder model, string buildDir, RepoLayout? repo = null,
        bool warningsAsErrors = true, bool profileSteps = false)
    {
        var layout = repo ?? RepoLayout.Find();
        var linkerDir = Path.Combine(Path.GetFullPath(buildDir), "ld");
        Directory.CreateDirectory(linkerDir);
        File.WriteAllText(Path.Combine(linkerDir, "memory.ld"), BuildGlueWriter.MemoryLd(board, board.Light));
        File.Copy(Path.Combine(layout.TargetDir, "dsl_target.ld"), Path.Combine(linkerDir, "dsl_target.ld"), overwrite: true);
        var plan = BuildPlanner.ForTestFirmware(board, model, layout.HarnessDir, layout.TargetDir, linkerDir, profileSteps);
        return Build(plan, Path.Combine(Path.GetFullPath(buildDir), plan.Name + ".elf"), warningsAsErrors);
    }

    /// <summary>Builds the two images of an emulated two-core board's test firmware in
    /// <paramref name="buildDir"/> (<c>&lt;core&gt;/</c> each) and the heavy core's raw binary.</summary>
    public static TwoCoreFirmware BuildTwoCoreTestFirmware(BoardProfile board, ModelFolder model, string buildDir, RepoLayout? repo = null,
        bool warningsAsErrors = true)
    {
        var layout = repo ?? RepoLayout.Find();
        var root = Path.GetFullPath(buildDir);
        string CoreDir(CoreProfile core, string role)
        {
            var dir = Path.Combine(root, core.Id);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "memory.ld"), BuildGlueWriter.MemoryLd(board, core));
            File.Copy(Path.Combine(layout.TargetDir, "dsl_target.ld"), Path.Combine(dir, "dsl_target.ld"), overwrite: true);
            BuildGlueWriter.WriteTwoCoreSources(board, model, role, dir, layout);
            return dir;
        }

        var lightDir = CoreDir(board.Light, "light");
        var heavyDir = CoreDir(board.Heavy, "heavy");
        var (light, heavy) = BuildPlanner.ForTwoCoreTestFirmware(board, model, layout.HarnessDir, layout.TargetDir, lightDir, heavyDir);
        var lightElf = Build(light, Path.Combine(lightDir, light.Name + ".elf"), warningsAsErrors);
        var heavyElf = Build(heavy, Path.Combine(heavyDir, heavy.Name + ".elf"), warningsAsErrors);
        var heavyBin = Path.ChangeExtension(heavyElf, ".bin");
        var objcopy = ToolRunner.Run("arm-none-eabi-objcopy", ["-O", "binary", heavyElf, heavyBin], TimeSpan.FromMinutes(1));
        if (!objcopy.Succeeded)
        {
            throw new DslException(DslErrorCode.Toolchain, $"arm-none-eabi-objcopy -O binary {heavyElf}: {objcopy.StdErr}");
        }

        return new TwoCoreFirmware(lightElf, heavyElf, new QemuRawImage(heavyBin, board.Heavy.Flash.Origin));
    }

    /// <summary>Links one image per core of <paramref name="board"/> (light core: light path, heavy core:
    /// heavy path, single core: both) into the core's memory from the profile. A path that does not fit
    /// its core is a <see cref="DslErrorCode.Board"/> error naming the core, region and overflow.</summary>
    public static IReadOnlyList<CoreImage> BuildCoreImages(BoardProfile board, ModelFolder model, string buildDir,
        RepoLayout? repo = null, bool warningsAsErrors = true)
    {
        var layout = repo ?? RepoLayout.Find();
        var images = new List<CoreImage>();
        foreach (var (core, role) in BuildPlanner.PathCores(board))
        {
            images.Add(BuildImage(board, core, role, model, Path.Combine(Path.GetFullPath(buildDir), core.Id), layout, warningsAsErrors));
        }

        return images;
    }

    /// <summary>Per-path section sizes: the light path linked alone on the light core and the heavy path
    /// alone on the heavy core (the same core on single-core boards), each minus a baseline image of the
    /// same core without the model (startup and stub). Kernels both paths use count in both.</summary>
    public static PathSizes MeasurePathSizes(BoardProfile board, ModelFolder model, string buildDir, RepoLayout? repo = null)
    {
        var layout = repo ?? RepoLayout.Find();
        var root = Path.GetFullPath(buildDir);
        SectionSizes Measure(CoreProfile core, string role)
        {
            var baseline = BuildImage(board, core, "none", model, Path.Combine(root, core.Id + "_none"), layout, true).Sizes;
            var image = BuildImage(board, core, role, model, Path.Combine(root, core.Id + "_" + role), layout, true).Sizes;
            return new SectionSizes(
                Math.Max(0, image.Text - baseline.Text),
                Math.Max(0, image.Rodata - baseline.Rodata),
                Math.Max(0, image.Data - baseline.Data),
                Math.Max(0, image.Bss - baseline.Bss),
                image.Sections);
        }

        return new PathSizes(Measure(board.Light, "light"), Measure(board.Heavy, "heavy"));
    }

    private static CoreImage BuildImage(BoardProfile board, CoreProfile core, string role, ModelFolder model, string dir,
        RepoLayout layout, bool warningsAsErrors)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "memory.ld"), BuildGlueWriter.MemoryLd(board, core));
        File.Copy(Path.Combine(layout.TargetDir, "dsl_target.ld"), Path.Combine(dir, "dsl_target.ld"), overwrite: true);
        BuildGlueWriter.WriteTwoCoreSources(board, model, role, dir, layout);
        BoardGlue.Write(board, core, role, model, dir, layout);
        var plan = BuildPlanner.ForCoreImage(board, core, role, model, layout.HarnessDir, layout.TargetDir, dir);
        var elf = Path.Combine(dir, plan.Name + ".elf");
        try
        {
            Build(plan, elf, warningsAsErrors);
        }
        catch (DslException e) when (e.Code == DslErrorCode.Toolchain && OverflowRegex().Match(e.Message) is { Success: true } m)
        {
            var region = m.Groups["region"].Value;
            var range = region == "FLASH" ? core.Flash : region == "SHARED" && board.Shared is not null ? board.Shared : core.Ram;
            throw new DslException(DslErrorCode.Board,
                $"{board.FilePath}: the model does not fit board '{board.Name}': core '{core.Id}' ({role} path) " +
                $"{region.ToLowerInvariant()} region {range}: the linked image overflows it by {m.Groups["bytes"].Value} bytes " +
                $"(available {range.Size} bytes). Use a smaller model or a board with more memory.", e);
        }
        catch (DslException e) when (e.Code == DslErrorCode.Toolchain && e.Message.Contains("RAM overflow (data + bss + stack)", StringComparison.Ordinal))
        {
            throw new DslException(DslErrorCode.Board,
                $"{board.FilePath}: the model does not fit board '{board.Name}': core '{core.Id}' ({role} path) ram region " +
                $"{core.Ram}: data + bss + the 16 KiB stack reserve exceed the {core.Ram.Size} bytes available.", e);
        }

        return new CoreImage(core.Id, role, elf, ArmSize.Read(elf));
    }

    /// <summary>Builds the host harness <c>&lt;buildDir&gt;/&lt;m&gt;_host_test</c> (stdio backend, instruction counts 0).</summary>
    public static string BuildHostHarness(ModelFolder model, string buildDir, RepoLayout? repo = null, bool warningsAsErrors = true)
    {
        var layout = repo ?? RepoLayout.Find();
        var plan = BuildPlanner.ForHost(model, layout.HarnessDir);
        return Build(plan, Path.Combine(Path.GetFullPath(buildDir), plan.Name), warningsAsErrors);
    }

    [GeneratedRegex(@"region `(?<region>[A-Z]+)' overflowed by (?<bytes>\d+) bytes")]
    private static partial Regex OverflowRegex();
}
