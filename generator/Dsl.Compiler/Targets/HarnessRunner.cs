using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Targets;

/// <summary>Runs a built harness on raw int16 PCM and reads back its frame trace.</summary>
public static class HarnessRunner
{
    /// <summary>Default wall-clock limit of one run.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs the test firmware <paramref name="elf"/> of <paramref name="board"/> in QEMU on
    /// <paramref name="pcmPath"/>, writing the trace to <paramref name="tracePath"/>. With
    /// <paramref name="profilePath"/> (firmware built with <c>profileSteps</c>) the step profile is written
    /// there too and parsed into <see cref="HarnessRun.Profile"/>.</summary>
    /// <param name="rawImages">More images in the same run (<see cref="TwoCoreFirmware.HeavyImage"/>).</param>
    public static HarnessRun RunOnQemu(BoardProfile board, string elf, string pcmPath, string tracePath, TimeSpan? timeout = null,
        string? profilePath = null, IReadOnlyList<QemuRawImage>? rawImages = null)
    {
        var qemu = board.Qemu ?? throw new DslException(DslErrorCode.Board,
            $"{board.FilePath}: qemu: board '{board.Name}' is build-only; run the firmware on an emulated board");
        var (workDir, inArg, traceArg) = Prepare(pcmPath, tracePath);
        IReadOnlyList<string> args = [inArg, traceArg];
        if (profilePath is not null)
        {
            // A fixed name without spaces in QEMU's folder, moved to profilePath afterwards.
            File.Delete(Path.Combine(workDir, ProfileArg));
            args = [inArg, traceArg, ProfileArg];
        }

        var request = new QemuRunRequest(qemu.Machine, elf, qemu.IcountShift, args, workDir, timeout ?? DefaultTimeout, rawImages);
        var run = QemuRunner.Run(request);
        var result = Finish(run, Path.Combine(workDir, traceArg), tracePath);
        if (profilePath is null || result.Trace is null)
        {
            return result;
        }

        var written = Path.Combine(workDir, ProfileArg);
        if (!File.Exists(written))
        {
            throw new DslException(DslErrorCode.Toolchain, $"{run.What}: exited 0 but wrote no step profile {written} (built without DSL_PROFILE_STEPS?)");
        }

        var full = Path.GetFullPath(profilePath);
        if (written != full)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.Move(written, full, overwrite: true);
        }

        return result with { Profile = StepProfile.Read(full) };
    }

    private const string ProfileArg = "dsl_profile.bin";

    /// <summary>Runs the test firmware of an emulated two-core board (both images in one QEMU run) on
    /// <paramref name="pcmPath"/>: in lockstep (<paramref name="periodInstructions"/> 0; per-core counts) or paced,
    /// a frame every <paramref name="periodInstructions"/> instructions of the shared virtual clock. The trace goes
    /// to <paramref name="tracePath"/>, the routing log next to it (<c>.routing</c>) and into <see cref="HarnessRun.Routing"/>.</summary>
    public static HarnessRun RunTwoCoresOnQemu(BoardProfile board, TwoCoreFirmware firmware, string pcmPath, string tracePath,
        uint periodInstructions = 0, TimeSpan? timeout = null)
    {
        var qemu = board.Qemu ?? throw new DslException(DslErrorCode.Board,
            $"{board.FilePath}: qemu: board '{board.Name}' is build-only; run the firmware on an emulated board");
        var (workDir, inArg, traceArg) = Prepare(pcmPath, tracePath);
        IReadOnlyList<string> args = periodInstructions == 0
            ? [inArg, traceArg]
            : [inArg, traceArg, periodInstructions.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var routingWritten = Path.Combine(workDir, traceArg + RoutingSuffix);
        File.Delete(routingWritten);
        var request = new QemuRunRequest(qemu.Machine, firmware.LightElf, qemu.IcountShift, args, workDir, timeout ?? DefaultTimeout,
            [firmware.HeavyImage]);
        var run = QemuRunner.Run(request);
        var result = Finish(run, Path.Combine(workDir, traceArg), tracePath);
        if (result.Trace is null)
        {
            return result;
        }

        if (!File.Exists(routingWritten))
        {
            throw new DslException(DslErrorCode.Toolchain, $"{run.What}: exited 0 but wrote no routing log {routingWritten}");
        }

        var routing = Path.GetFullPath(tracePath) + RoutingSuffix;
        if (routingWritten != routing)
        {
            File.Move(routingWritten, routing, overwrite: true);
        }

        return result with { Routing = RoutingLog.Read(routing) };
    }

    /// <summary>What the two-core harness appends to the trace's name for its routing log.</summary>
    public const string RoutingSuffix = ".routing";

    /// <summary>Runs the host harness <paramref name="executable"/> on <paramref name="pcmPath"/>.</summary>
    public static HarnessRun RunOnHost(string executable, string pcmPath, string tracePath, TimeSpan? timeout = null)
    {
        var full = Path.GetFullPath(tracePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var run = HostRunner.Run(executable, [Path.GetFullPath(pcmPath), full], timeout ?? DefaultTimeout);
        return Finish(run, full, full);
    }

    // Semihosting gets a space-separated command line: keep arguments free of spaces by running in
    // the trace's folder and copying the input there when its path has spaces.
    private static (string WorkDir, string InArg, string TraceArg) Prepare(string pcmPath, string tracePath)
    {
        if (!File.Exists(pcmPath))
        {
            throw new DslException(DslErrorCode.Io, $"{pcmPath}: input PCM not found");
        }

        var full = Path.GetFullPath(tracePath);
        var workDir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(workDir);
        var inArg = Path.GetRelativePath(workDir, Path.GetFullPath(pcmPath));
        if (inArg.Contains(' ', StringComparison.Ordinal))
        {
            File.Copy(pcmPath, Path.Combine(workDir, "dsl_input.pcm"), overwrite: true);
            inArg = "dsl_input.pcm";
        }

        var traceArg = Path.GetFileName(full);
        if (traceArg.Contains(' ', StringComparison.Ordinal))
        {
            traceArg = "dsl_trace.bin";
        }

        if (File.Exists(Path.Combine(workDir, traceArg)))
        {
            File.Delete(Path.Combine(workDir, traceArg));
        }

        return (workDir, inArg, traceArg);
    }

    private static HarnessRun Finish(RunResult run, string written, string wanted)
    {
        var full = Path.GetFullPath(wanted);
        if (run.Outcome != QemuOutcome.Passed)
        {
            return new HarnessRun(run, full, null);
        }

        if (!File.Exists(written))
        {
            throw new DslException(DslErrorCode.Toolchain, $"{run.What}: exited 0 but wrote no trace {written}");
        }

        if (written != full)
        {
            File.Move(written, full, overwrite: true);
        }

        return new HarnessRun(run, full, TraceFile.Read(full));
    }
}
