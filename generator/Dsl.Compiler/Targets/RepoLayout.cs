using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>Where the repository's C sources that go into test firmware live.</summary>
/// <param name="Root">Repository root (holds boards/ and runtime-c/).</param>
public sealed record RepoLayout(string Root)
{
    public string BoardsDir => Path.Combine(Root, "boards");

    public string RuntimeDir => Path.Combine(Root, "runtime-c");

    /// <summary>runtime-c/target: startup, vector table, semihosting, SysTick counter, dsl_target.ld.</summary>
    public string TargetDir => Path.Combine(RuntimeDir, "target");

    /// <summary>runtime-c/harness: the test harness main and its I/O backends.</summary>
    public string HarnessDir => Path.Combine(RuntimeDir, "harness");

    /// <summary>Finds the repository root by walking up from <paramref name="start"/> (default: the
    /// current directory, then the directory of the dslc assembly).</summary>
    public static RepoLayout Find(string? start = null)
    {
        var candidates = start is not null
            ? new[] { start }
            : new[] { Environment.CurrentDirectory, AppContext.BaseDirectory };
        foreach (var c in candidates)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(c)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "runtime-c", "harness", "dsl_harness_main.c"))
                    && Directory.Exists(Path.Combine(dir.FullName, "runtime-c", "target")))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }

        throw new DslException(DslErrorCode.Io,
            $"cannot find the dsl-embedded checkout (a folder with runtime-c/harness and runtime-c/target) above " +
            $"{string.Join(" or ", candidates)}; run dslc from inside the repository");
    }
}
