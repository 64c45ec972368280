using Dsl.Compiler.Boards;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>Builds the test harness with dslc's own compiler calls (no make/cmake needed): the QEMU test
/// firmware of an emulated board, or the host program.</summary>
public static class FirmwareBuilder
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
    /// repository's harness and target runtime, with a memory.ld generated from the profile.</summary>
    public static string BuildTestFirmware(BoardProfile board, ModelFolder model, string buildDir, RepoLayout? repo = null,
        bool warningsAsErrors = true)
    {
        var layout = repo ?? RepoLayout.Find();
        var linkerDir = Path.Combine(Path.GetFullPath(buildDir), "ld");
        Directory.CreateDirectory(linkerDir);
        File.WriteAllText(Path.Combine(linkerDir, "memory.ld"), BuildGlueWriter.MemoryLd(board, board.Light));
        File.Copy(Path.Combine(layout.TargetDir, "dsl_target.ld"), Path.Combine(linkerDir, "dsl_target.ld"), overwrite: true);
        var plan = BuildPlanner.ForTestFirmware(board, model, layout.HarnessDir, layout.TargetDir, linkerDir);
        return Build(plan, Path.Combine(Path.GetFullPath(buildDir), plan.Name + ".elf"), warningsAsErrors);
    }

    /// <summary>Builds the host harness <c>&lt;buildDir&gt;/&lt;m&gt;_host_test</c> (stdio backend, instruction counts 0).</summary>
    public static string BuildHostHarness(ModelFolder model, string buildDir, RepoLayout? repo = null, bool warningsAsErrors = true)
    {
        var layout = repo ?? RepoLayout.Find();
        var plan = BuildPlanner.ForHost(model, layout.HarnessDir);
        return Build(plan, Path.Combine(Path.GetFullPath(buildDir), plan.Name), warningsAsErrors);
    }
}
