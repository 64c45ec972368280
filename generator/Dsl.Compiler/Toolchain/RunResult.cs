namespace Dsl.Compiler.Toolchain;

/// <summary>The result of running test firmware under QEMU or a host build of the harness.</summary>
/// <param name="Outcome">Classified ending.</param>
/// <param name="Process">Raw process result (exit code, output).</param>
/// <param name="What">What was run, for messages (ELF or executable path and board).</param>
public sealed record RunResult(QemuOutcome Outcome, ProcessResult Process, string What)
{
    /// <summary>One line saying how the run ended, e.g. "hang (timeout after 60 s)".</summary>
    public string Describe() => Outcome switch
    {
        QemuOutcome.Passed => $"{What}: passed (exit code 0)",
        QemuOutcome.HardFault => $"{What}: HardFault (the fault handler exited with code 127){Tail()}",
        QemuOutcome.UnexpectedException => $"{What}: unexpected exception (exit code 126: an exception without handler){Tail()}",
        QemuOutcome.Hang => $"{What}: hang (timeout after {Process.Elapsed.TotalSeconds:0} s){Tail()}",
        QemuOutcome.EmulatorError => $"{What}: emulator error (exit code {Process.ExitCode}; 134 is a CPU lockup without fault handler){Tail()}",
        _ => $"{What}: failed with exit code {Process.ExitCode}{Meaning()}{Tail()}",
    };

    // Exit codes of runtime-c/harness/dsl_harness_main.c.
    private string Meaning() => Process.ExitCode switch
    {
        2 => " (harness usage error: input and trace paths missing)",
        3 => " (harness I/O error: input PCM not found/readable, or trace or step profile not writable)",
        _ => "",
    };

    private string Tail()
    {
        var text = (Process.StdErr + Process.StdOut).Trim();
        if (text.Length == 0)
        {
            return "";
        }

        var lines = text.Split('\n');
        return "; output: " + string.Join(" | ", lines.Skip(Math.Max(0, lines.Length - 5)).Select(l => l.Trim()));
    }
}
