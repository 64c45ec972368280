using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs a host build of the test harness (same exit-code conventions as on target).</summary>
public static class HostRunner
{
    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/>; classifies the ending.
    /// A crash (signal) shows as a non-zero exit code and is reported as failed.</summary>
    public static RunResult Run(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        if (!File.Exists(executable))
        {
            throw new DslException(DslErrorCode.Io, $"{executable}: host harness executable not found");
        }

        var p = ToolRunner.Run(Path.GetFullPath(executable), arguments, timeout, workingDirectory);
        var outcome = p.TimedOut ? QemuOutcome.Hang : p.ExitCode == 0 ? QemuOutcome.Passed : QemuOutcome.Failed;
        return new RunResult(outcome, p, $"host {Path.GetFileName(executable)}");
    }
}
