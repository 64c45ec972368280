namespace Dsl.Compiler.Toolchain;

/// <summary>What an external process did.</summary>
/// <param name="CommandLine">The command as it was run, for messages.</param>
/// <param name="ExitCode">Exit code; -1 when the process was killed after a timeout.</param>
/// <param name="StdOut">Captured standard output.</param>
/// <param name="StdErr">Captured standard error.</param>
/// <param name="TimedOut">The process ran past its timeout and was killed.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record ProcessResult(
    string CommandLine,
    int ExitCode,
    string StdOut,
    string StdErr,
    bool TimedOut,
    TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
