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
    public static IReadOnlyList<ClipValidation> Run(CompiledModel model, string emittedDir, IReadOnlyList<string> clips,
        BoardProfile? board, string buildDir, Action<string>? progress = null)
    {
        ModelFolder folder = ModelFolder.Load(emittedDir, model.Program.Name);
        Directory.CreateDirectory(buildDir);
        string executable;
        IReadOnlyList<QemuRawImage>? rawImages = null;
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
            TwoCoreFirmware firmware = FirmwareBuilder.BuildTwoCoreTestFirmware(board, folder, buildDir);
            executable = firmware.LightElf;
            rawImages = [firmware.HeavyImage];
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
            HarnessRun run = board is null
                ? HarnessRunner.RunOnHost(executable, pcmPath, tracePath)
                : HarnessRunner.RunOnQemu(board, executable, pcmPath, tracePath, rawImages: rawImages);
            TraceFile trace = run.TraceOrThrow();
            List<FrameRecord> expected = golden.RunClip(pcm);
            var comparison = TraceComparison.Compare(expected, trace.Frames, $"{Path.GetFileName(clip)} on {board?.Name ?? "host"}");
            results.Add(new ClipValidation(clip, comparison, trace.Frames));
            progress?.Invoke($"{Path.GetFileName(clip)}: {(comparison.BitExact ? "bit-exact" : "MISMATCH")} over {comparison.Frames} frames ({comparison.HeavyFrames} heavy)");
        }

        return results;
    }
}
