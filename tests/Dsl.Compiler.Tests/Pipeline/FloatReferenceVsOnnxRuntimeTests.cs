using Dsl.Cli.Checks;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Tests.Cli;
using Microsoft.ML.OnnxRuntime;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// The streaming float reference against onnxruntime: agrees on the whole clip, fails with exit 10 on
/// a perturbed weight, compares fixed-length exports window by window, and skips too-short clips.
/// </summary>
public sealed class FloatReferenceVsOnnxRuntimeTests
{
    private const int FixedLength = 640;

    private static short[] TestAudio => WavFile.ReadMono16(Fixtures.TinyDslTestAudio, 16000);

    [Fact]
    public void Tiny_model_streams_like_onnxruntime_on_the_whole_clip()
    {
        var (manifest, graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        OnnxRuntimeAgreement a = OnnxRuntimeComparison.Compare(manifest, graph, TestAudio);
        Assert.Null(a.SkippedBecause);
        Assert.Equal(1, a.Windows);
        Assert.Equal(graph.Outputs.Count, a.Outputs.Count);
        Assert.All(a.Outputs, o => Assert.True(o.RelativeError < OnnxRuntimeComparison.Tolerance, $"{o.Output}: {o.RelativeError:E2}"));
    }

    [Fact]
    public void A_perturbed_weight_in_the_float_reference_fails_with_exit_10()
    {
        var (manifest, graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        ConvNode first = graph.Nodes.OfType<ConvNode>().First();
        first.Weights[0] += 0.01f * first.Weights.Max(Math.Abs);
        var lines = new List<string>();
        DslException e = Assert.Throws<DslException>(() =>
            OnnxRuntimeComparison.Check(manifest, graph, [("synth.wav", TestAudio)], lines.Add));
        Assert.Equal((int)DslErrorCode.Mismatch, e.ExitCode);
        Assert.StartsWith("synth.wav: output '", e.Message);
        Assert.Contains("more than the tolerance 1E-005", e.Message);
        Assert.Contains(lines, l => l.Contains("TOO LARGE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clip_shorter_than_one_frame_is_skipped_with_the_reason()
    {
        var (manifest, graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        OnnxRuntimeAgreement a = OnnxRuntimeComparison.Compare(manifest, graph, TestAudio[..(manifest.Frame - 1)]);
        Assert.Equal("the clip has 31 samples, shorter than one frame (32)", a.SkippedBecause);
        Assert.Empty(a.Outputs);
    }

    [Fact]
    public void A_fixed_length_export_is_compared_on_windows_of_its_length()
    {
        string model = FixedLengthCopyOfTiny();
        var (manifest, graph, _) = ModelCompiler.Analyze(Path.Combine(model, "dsl.json"));
        using (var session = new InferenceSession(manifest.ModelPath))
        {
            Assert.Equal(FixedLength, OnnxRuntimeComparison.FixedInputLength(session, manifest.Input));
        }

        short[] audio = TestAudio;
        OnnxRuntimeAgreement a = OnnxRuntimeComparison.Compare(manifest, graph, audio);
        Assert.Null(a.SkippedBecause);
        Assert.Equal(audio.Length / FixedLength, a.Windows);
        Assert.All(a.Outputs, o => Assert.True(o.RelativeError < OnnxRuntimeComparison.Tolerance, $"{o.Output}: {o.RelativeError:E2}"));
        Assert.Equal(
            $"the clip has {FixedLength - 1} samples, shorter than the model's fixed export length ({FixedLength})",
            OnnxRuntimeComparison.Compare(manifest, graph, audio[..(FixedLength - 1)]).SkippedBecause);
    }

    [Fact]
    public void Validate_runs_a_fixed_length_export_without_crashing()
    {
        string model = FixedLengthCopyOfTiny();
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", model, "--work", Path.Combine(model, "..", "work"), "-q");
        Assert.True(r.Code == 0, r.StdOut + r.StdErr);
        Assert.Contains($"windows of {FixedLength} samples (fixed export length) (ok)", r.StdOut);
        Assert.Contains("bit-exact on host", r.StdOut);
    }

    /// <summary>
    /// The tiny model with its input declared [1, 1, 640] instead of [1, 1, "T"], as torch.onnx.export
    /// writes it without dynamic_axes: the input's dim_param "T" (protobuf bytes 12 01 54) becomes
    /// dim_value 640 (08 80 05), the same length, so no enclosing message length changes.
    /// </summary>
    private static string FixedLengthCopyOfTiny()
    {
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        string dir = Path.Combine(Directory.CreateTempSubdirectory("dslc-fixed-").FullName, "tiny_dsl");
        foreach (string f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(dir, Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }

        byte[] bytes = File.ReadAllBytes(Path.Combine(dir, "model.onnx"));
        byte[] inputName = [0x0A, 0x05, .. "audio"u8, 0x12];
        int input = bytes.AsSpan().IndexOf(inputName);
        Assert.True(input >= 0, "the graph input 'audio' was not found");
        int dim = bytes.AsSpan(input).IndexOf(new byte[] { 0x12, 0x01, (byte)'T' });
        Assert.True(dim >= 0, "the input has no dim_param \"T\"");
        bytes[input + dim] = 0x08;
        bytes[input + dim + 1] = 0x80 | (FixedLength & 0x7F);
        bytes[input + dim + 2] = FixedLength >> 7;
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), bytes);
        return dir;
    }
}
