using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Validation;

/// <summary>
/// Builds the emitted C (host gcc, or a board's test firmware for QEMU), runs it on audio clips
/// and compares every frame with the golden model.
/// </summary>
public static class ModelValidator
{
    /// <param name="board">null: host gcc; else an emulated board's test firmware under QEMU.</param>
    /// <param name="pacedLoad">Two-core boards: after the lockstep run, a paced run with this load
    /// (<see cref="FramePacing"/>; 1 the default period, &gt; 1 an overload); null: lockstep only.</param>
    public static IReadOnlyList<ClipValidation> Run(CompiledModel model, string emittedDir, IReadOnlyList<string> clips,
        BoardProfile? board, string buildDir, Action<string>? progress = null, double? pacedLoad = FramePacing.DefaultLoad)
    {
        ModelFolder folder = ModelFolder.Load(emittedDir, model.Program.Name);
        Directory.CreateDirectory(buildDir);
        string executable;
        TwoCoreFirmware? twoCores = null;
        if (board is null)
        {
            executable = FirmwareBuilder.BuildHostHarness(folder, buildDir);
        }
        else if (board.IsSingleCore)
        {
            executable = FirmwareBuilder.BuildTestFirmware(board, folder, buildDir);
        }
        else
        {
            // Two cores: the light core's firmware boots and writes the trace; the heavy core's is loaded raw.
            twoCores = FirmwareBuilder.BuildTwoCoreTestFirmware(board, folder, buildDir);
            executable = twoCores.LightElf;
        }

        var golden = new GoldenModel(model.Program);
        var results = new List<ClipValidation>();
        foreach (string clip in clips)
        {
            short[] pcm = StreamedAudio.Read(clip, model.Manifest.SampleRate, model.Manifest.Frame);
            string name = Path.GetFileNameWithoutExtension(clip);
            string pcmPath = Path.Combine(buildDir, name + ".pcm");
            var bytes = new byte[pcm.Length * 2];
            Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(pcmPath, bytes);
            string tracePath = Path.Combine(buildDir, name + ".trace");
            string what = $"{Path.GetFileName(clip)} on {board?.Name ?? "host"}";
            List<FrameRecord> expected = golden.RunClip(pcm);
            if (board is not null && twoCores is not null)
            {
                results.Add(RunTwoCores(board, twoCores, clip, expected, pcmPath, tracePath, what, pacedLoad, progress, GatedOut(model)));
                continue;
            }

            HarnessRun run = board is null
                ? HarnessRunner.RunOnHost(executable, pcmPath, tracePath)
                : HarnessRunner.RunOnQemu(board, executable, pcmPath, tracePath);
            TraceFile trace = run.TraceOrThrow();
            var comparison = TraceComparison.Compare(expected, trace.Frames, what);
            results.Add(new ClipValidation(clip, comparison, trace.Frames));
            progress?.Invoke($"{Path.GetFileName(clip)}: {(comparison.BitExact ? "bit-exact" : "MISMATCH")} over {comparison.Frames} frames ({comparison.HeavyFrames} heavy)");
        }

        return results;
    }

    // The lockstep run (per-core counts; routed output at the firmware's latency, nothing can be late), then the
    // paced run with its period from the lockstep counts; both compared under the latency rule. No paced run at
    // latency 0 (a firmware built with ROUTED_LATENCY_FRAMES 0 can only run in lockstep), nor for a clip without
    // heavy frames (nothing to be late: the lockstep run has shown all there is).
    private static ClipValidation RunTwoCores(BoardProfile board, TwoCoreFirmware firmware, string clip, List<FrameRecord> expected, string pcmPath,
        string tracePath, string what, double? pacedLoad, Action<string>? progress, short[]? gatedOut)
    {
        HarnessRun lockstep = HarnessRunner.RunTwoCoresOnQemu(board, firmware, pcmPath, tracePath);
        TraceFile trace = lockstep.TraceOrThrow();
        RoutingLog routing = lockstep.Routing!;
        var comparison = LatencyRule.Compare(expected, trace.Frames, routing, what + " (lockstep)", gatedOut);
        progress?.Invoke($"{Path.GetFileName(clip)}: lockstep at latency {routing.Latency}: {(comparison.BitExact ? "bit-exact" : "MISMATCH")} over {comparison.Frames} frames ({comparison.HeavyFrames} heavy), {routing.Late} late, {routing.Lost} lost, {routing.Overruns} overruns");
        if (pacedLoad is null || !comparison.BitExact || routing.Latency == 0 || comparison.HeavyFrames == 0)
        {
            return new ClipValidation(clip, comparison, trace.Frames, new TwoCoreClip(routing, null, null));
        }

        uint period = FramePacing.PeriodInstructions(trace, routing.Latency, pacedLoad.Value);
        HarnessRun paced = HarnessRunner.RunTwoCoresOnQemu(board, firmware, pcmPath, Path.ChangeExtension(tracePath, ".paced.trace"), period);
        TraceFile pacedTrace = paced.TraceOrThrow();
        RoutingLog pacedRouting = paced.Routing!;
        var pacedComparison = LatencyRule.Compare(expected, pacedTrace.Frames, pacedRouting, $"{what} (paced, a frame every {period:N0} instructions)", gatedOut);
        progress?.Invoke($"{Path.GetFileName(clip)}: paced, a frame every {period:N0} instructions of both cores, latency {pacedRouting.Latency}: {(pacedComparison.BitExact ? "bit-exact" : "MISMATCH")}, {pacedRouting.Late} late, {pacedRouting.Lost} lost, {pacedRouting.Overruns} overruns");
        return new ClipValidation(clip, comparison, trace.Frames, new TwoCoreClip(routing, pacedRouting, pacedComparison));
    }

    // A classifier head's late frames route to the gated scores (it has no light audio); null for an audio model.
    private static short[]? GatedOut(CompiledModel model) =>
        model.Program.Classes?.GatedScores().Select(v => (short)v).ToArray();
}
