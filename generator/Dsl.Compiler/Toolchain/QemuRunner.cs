using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs bare-metal firmware in qemu-system-arm with semihosting (file I/O, exit codes) and
/// <c>-icount</c> (deterministic SysTick instruction counting).</summary>
public static class QemuRunner
{
    /// <summary>Exit code the target fault handler uses (runtime-c/target).</summary>
    public const int HardFaultExitCode = 127;

    /// <summary>Exit code of the target's default exception handler (an unexpected exception).</summary>
    public const int UnexpectedExceptionExitCode = 126;

    public const string Executable = "qemu-system-arm";

    /// <summary>The qemu-system-arm arguments for <paramref name="request"/>.</summary>
    public static IReadOnlyList<string> Arguments(QemuRunRequest request)
    {
        var semihosting = "enable=on,target=native,chardev=sh0,arg=" + Escape(Path.GetFileName(request.Elf))
            + string.Concat(request.Arguments.Select(a => ",arg=" + Escape(a)));
        var raw = request.RawImages ?? [];
        return
        [
            "-M", request.Machine,
            "-nographic",
            "-monitor", "none",
            "-serial", "none",
            "-icount", raw.Count == 0 ? $"shift={request.IcountShift}" : $"shift={request.IcountShift},sleep=off",
            "-chardev", "stdio,id=sh0",
            "-semihosting-config", semihosting,
            "-kernel", Path.GetFullPath(request.Elf),
            .. raw.SelectMany(r => new[]
            {
                "-device",
                string.Create(CultureInfo.InvariantCulture, $"loader,file={Escape(Path.GetFullPath(r.File))},addr=0x{r.Address:X8},force-raw=on"),
            }),
        ];
    }

    /// <summary>Runs the firmware and classifies how it ended; never throws for a guest failure
    /// (use <see cref="RunResult.Describe"/>), throws <see cref="DslErrorCode.Toolchain"/> when QEMU is missing.</summary>
    public static RunResult Run(QemuRunRequest request)
    {
        ToolRunner.Require(Executable);
        if (!File.Exists(request.Elf))
        {
            throw new DslException(DslErrorCode.Io, $"{request.Elf}: firmware ELF not found");
        }

        var p = ToolRunner.Run(Executable, Arguments(request), request.Timeout, request.WorkingDirectory);
        return new RunResult(Classify(p), p, $"{request.Machine} {Path.GetFileName(request.Elf)}");
    }

    /// <summary>Runs and throws <see cref="DslErrorCode.Toolchain"/> with <see cref="RunResult.Describe"/> unless it passed.</summary>
    public static RunResult RunOrThrow(QemuRunRequest request)
    {
        var r = Run(request);
        if (r.Outcome != QemuOutcome.Passed)
        {
            throw new DslException(DslErrorCode.Toolchain, r.Describe());
        }

        return r;
    }

    /// <summary>Maps a finished process to an outcome.</summary>
    public static QemuOutcome Classify(ProcessResult p) => p switch
    {
        { TimedOut: true } => QemuOutcome.Hang,
        { ExitCode: 0 } => QemuOutcome.Passed,
        { ExitCode: HardFaultExitCode } => QemuOutcome.HardFault,
        { ExitCode: UnexpectedExceptionExitCode } => QemuOutcome.UnexpectedException,
        { ExitCode: 134 or 1 } when p.StdErr.Contains("qemu", StringComparison.OrdinalIgnoreCase) => QemuOutcome.EmulatorError,
        _ => QemuOutcome.Failed,
    };

    // QEMU option values escape ',' by doubling it.
    private static string Escape(string s) => s.Replace(",", ",,", StringComparison.Ordinal);
}
