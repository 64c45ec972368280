using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Targets;

/// <summary>Builds and runs the test firmware of an emulated board and turns the run into benchmark rows.</summary>
public static class BenchmarkCollector
{
    /// <summary>Builds the firmware and the per-path size images, runs the firmware in QEMU on
    /// <paramref name="pcmPath"/>, and returns the light and heavy rows. A failed run throws
    /// <see cref="DslErrorCode.Toolchain"/> saying how it ended (HardFault, hang, exit code).
    /// With <paramref name="layers"/> a second firmware with the step-profiling hooks runs too (its
    /// outputs must equal the first's) and each row gets its <see cref="PathProfile"/>; the rows' path
    /// counts always come from the build without hooks. <paramref name="light"/> and <paramref name="heavy"/>
    /// then need their <see cref="PathPlan.Steps"/>.</summary>
    public static BoardBenchmark MeasureBoard(BoardProfile board, ModelFolder model, string pcmPath, string buildDir,
        PathPlan light, PathPlan heavy, RepoLayout? repo = null, TimeSpan? timeout = null, bool layers = false)
    {
        var layout = repo ?? RepoLayout.Find();
        var dir = Path.GetFullPath(buildDir);
        if (layers && !board.IsSingleCore)
        {
            throw new DslException(DslErrorCode.Usage,
                $"--layers: the per-step profile runs on single-core boards only; '{board.Name}' runs its paths on two cores " +
                "(benchmark it without --layers: each core's instructions per frame)");
        }

        string elf;
        IReadOnlyList<Toolchain.QemuRawImage>? rawImages = null;
        if (board.IsSingleCore)
        {
            elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(dir, "firmware"), layout);
        }
        else
        {
            // Two cores: light core's firmware boots and writes the trace (light counts on its core, heavy on the other's).
            var firmware = FirmwareBuilder.BuildTwoCoreTestFirmware(board, model, Path.Combine(dir, "firmware"), layout);
            elf = firmware.LightElf;
            rawImages = [firmware.HeavyImage];
        }

        var sizes = FirmwareBuilder.MeasurePathSizes(board, model, Path.Combine(dir, "sizes"), layout);
        var run = HarnessRunner.RunOnQemu(board, elf, pcmPath, Path.Combine(dir, "trace.bin"), timeout, rawImages: rawImages);
        var trace = run.TraceOrThrow();
        var ls = InstructionStats.Light(trace);
        var hs = InstructionStats.Heavy(trace);
        var hc = InstructionStats.HeavyCall(trace);
        PathProfile? lightProfile = null;
        PathProfile? heavyProfile = null;
        if (layers)
        {
            (lightProfile, heavyProfile) = Profile(board, model, pcmPath, Path.Combine(dir, "profile"), light, heavy, layout, timeout, trace);
        }

        return new BoardBenchmark(
        [
            new PathMeasurement(board.Name, board.LightCore, "light", board.Light.ClockHz, ls.Frames, ls.Mean, ls.Max,
                light.MacsPerFrame, sizes.Light.Text, sizes.Light.Rodata, sizes.Light.Bss + sizes.Light.Data, light.ArenaBytes, light.StateBytes,
                ls.Frames, ls.Mean, lightProfile),
            new PathMeasurement(board.Name, board.HeavyCore, "heavy", board.Heavy.ClockHz, hs.Frames, hs.Mean, hs.Max,
                heavy.MacsPerFrame, sizes.Heavy.Text, sizes.Heavy.Rodata, sizes.Heavy.Bss + sizes.Heavy.Data, heavy.ArenaBytes, heavy.StateBytes,
                hc.Frames, hc.Mean, heavyProfile),
        ], run, sizes);
    }

    /// <summary>Builds and runs the profiling firmware; its outputs must equal <paramref name="reference"/>'s.</summary>
    private static (PathProfile Light, PathProfile Heavy) Profile(BoardProfile board, ModelFolder model, string pcmPath, string dir,
        PathPlan light, PathPlan heavy, RepoLayout layout, TimeSpan? timeout, TraceFile reference)
    {
        if (light.Steps is null || heavy.Steps is null)
        {
            throw new ArgumentException("a per-step profile needs the steps of both paths (PathPlan.Steps)");
        }

        var elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(dir, "firmware"), layout, profileSteps: true);
        var run = HarnessRunner.RunOnQemu(board, elf, pcmPath, Path.Combine(dir, "trace.bin"), timeout, Path.Combine(dir, "profile.bin"));
        var trace = run.TraceOrThrow();
        var same = TraceComparison.Compare(reference.Frames, trace.Frames, $"{board.Name}: the build with profiling hooks");
        if (!same.BitExact)
        {
            throw new DslException(DslErrorCode.Mismatch,
                $"{same.FirstDifference}: the profiling hooks changed the output of model {model.Name} (a dslc bug; please report it)");
        }

        var profile = run.Profile!;
        PathProfile Of(string path, IReadOnlyList<Schedule.StepSummary> steps, InstructionStats profiled)
        {
            var counts = profile.Of(path);
            if (counts.Count != steps.Count)
            {
                throw new DslException(DslErrorCode.Toolchain,
                    $"{run.TracePath}: the step profile has {counts.Count} {path} steps, the compiled model {steps.Count}; " +
                    $"regenerate {model.Directory} with this dslc");
            }

            return new PathProfile(
                steps.Zip(counts, (s, c) => new StepMeasurement(s, c.Calls, c.MeanInstructions)).ToList(),
                profile.HookInstructions,
                profile.CounterOverheadInstructions + profile.HookResidualInstructions,
                profiled.Frames > 0 ? profiled.Mean : null);
        }

        return (Of("light", light.Steps, InstructionStats.Light(trace)), Of("heavy", heavy.Steps, InstructionStats.HeavyCall(trace)));
    }

    /// <summary>Rows for a build-only board: per-path sizes from linking each path for its core, no
    /// instruction counts (<see cref="PathMeasurement.Frames"/> = 0, rendered as "-").</summary>
    public static IReadOnlyList<PathMeasurement> SizeOnlyRows(BoardProfile board, ModelFolder model, string buildDir,
        PathPlan light, PathPlan heavy, RepoLayout? repo = null)
    {
        var sizes = FirmwareBuilder.MeasurePathSizes(board, model, buildDir, repo);
        return
        [
            new PathMeasurement(board.Name, board.LightCore, "light", board.Light.ClockHz, 0, 0, 0, light.MacsPerFrame,
                sizes.Light.Text, sizes.Light.Rodata, sizes.Light.Bss + sizes.Light.Data, light.ArenaBytes, light.StateBytes),
            new PathMeasurement(board.Name, board.HeavyCore, "heavy", board.Heavy.ClockHz, 0, 0, 0, heavy.MacsPerFrame,
                sizes.Heavy.Text, sizes.Heavy.Rodata, sizes.Heavy.Bss + sizes.Heavy.Data, heavy.ArenaBytes, heavy.StateBytes),
        ];
    }
}
