using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>Builds and runs the test firmware of an emulated board and turns the run into benchmark rows.</summary>
public static class BenchmarkCollector
{
    /// <summary>Builds the firmware and the per-path size images, runs the firmware in QEMU on
    /// <paramref name="pcmPath"/>, and returns the light and heavy rows. A failed run throws
    /// <see cref="DslErrorCode.Toolchain"/> saying how it ended (HardFault, hang, exit code).</summary>
    public static BoardBenchmark MeasureBoard(BoardProfile board, ModelFolder model, string pcmPath, string buildDir,
        PathPlan light, PathPlan heavy, RepoLayout? repo = null, TimeSpan? timeout = null)
    {
        var layout = repo ?? RepoLayout.Find();
        var dir = Path.GetFullPath(buildDir);
        var elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(dir, "firmware"), layout);
        var sizes = FirmwareBuilder.MeasurePathSizes(board, model, Path.Combine(dir, "sizes"), layout);
        var run = HarnessRunner.RunOnQemu(board, elf, pcmPath, Path.Combine(dir, "trace.bin"), timeout);
        var trace = run.TraceOrThrow();
        var ls = InstructionStats.Light(trace);
        var hs = InstructionStats.Heavy(trace);
        return new BoardBenchmark(
        [
            new PathMeasurement(board.Name, board.LightCore, "light", board.Light.ClockHz, ls.Frames, ls.Mean, ls.Max,
                light.MacsPerFrame, sizes.Light.Text, sizes.Light.Rodata, sizes.Light.Bss + sizes.Light.Data, light.ArenaBytes, light.StateBytes),
            new PathMeasurement(board.Name, board.HeavyCore, "heavy", board.Heavy.ClockHz, hs.Frames, hs.Mean, hs.Max,
                heavy.MacsPerFrame, sizes.Heavy.Text, sizes.Heavy.Rodata, sizes.Heavy.Bss + sizes.Heavy.Data, heavy.ArenaBytes, heavy.StateBytes),
        ], run, sizes);
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
