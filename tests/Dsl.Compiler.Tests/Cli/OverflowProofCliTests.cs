using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Tests.Onnx;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// The accumulator-overflow proof says "no" through the CLI: the first conv reads int16 audio
/// (max |x| = 32768) and int8 weights are at most 127, so a channel whose K taps all quantize to 127
/// has the bound 127 * K * 32768: K = 517 exceeds 2^31 - 1 (exit 7 naming the node and channel),
/// K = 516 (2,147,352,576) is just under it and generates.
/// </summary>
public sealed class OverflowProofCliTests
{
    private const int Frame = 32;

    /// <summary>A model folder whose first conv "wide" has channel 0 benign and channel 1 with
    /// <paramref name="taps"/> equal weights.</summary>
    private static string ModelWithWideConv(int taps)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-overflow-").FullName;
        var wide = new float[2 * taps];
        wide[0] = 0.5f;
        for (int k = 0; k < taps; k++)
        {
            wide[taps + k] = 0.001f;
        }

        var b = new OnnxModelBuilder(opset: 13);
        b.AddInput("audio");
        b.AddInitializer("pads", new long[] { 0, 0, taps - 1, 0, 0, 0 }, 6);
        b.AddNode("Pad", ["audio", "pads"], ["padded"]);
        b.AddInitializer("wide_w", wide, 2, 1, taps);
        b.AddInitializer("wide_b", new float[2], 2);
        b.AddNamedNode("wide", "Conv", ["padded", "wide_w", "wide_b"], ["x"]);
        // The switch logit is one value per frame: a conv with kernel = stride = frame.
        b.AddInitializer("switch_logit_w", Enumerable.Range(0, 2 * Frame).Select(i => i % 2 == 0 ? 0.01f : -0.01f).ToArray(), 1, 2, Frame);
        b.AddInitializer("switch_logit_b", new float[1], 1);
        b.AddNamedNode("switch_logit_conv", "Conv", ["x", "switch_logit_w", "switch_logit_b"], ["switch_logit"], OnnxModelBuilder.Ints("strides", Frame));
        b.AddOutput("switch_logit");
        foreach ((string name, float[] w) in new[] { ("light", new[] { 0.5f, 0.5f }), ("heavy", new[] { 0.25f, -0.5f }) })
        {
            b.AddInitializer(name + "_w", w, 1, 2, 1);
            b.AddInitializer(name + "_b", new float[1], 1);
            b.AddNamedNode(name + "_conv", "Conv", ["x", name + "_w", name + "_b"], [name]);
            b.AddOutput(name);
        }

        b.Save(Path.Combine(dir, "model.onnx"));
        File.WriteAllText(Path.Combine(dir, "dsl.json"), $$"""
            {"name": "wide", "sample_rate": 16000, "frame": {{Frame}}, "input": "audio",
             "switch": {"output": "switch_logit", "threshold": 0, "hold": 1},
             "light": {"outputs": ["light"]}, "heavy": {"outputs": ["heavy"]}, "mode": "switch",
             "calibration": ["calibration.wav"], "test": ["calibration.wav"]}
            """);
        var r = new Random(3);
        WavFile.WriteMono16(Path.Combine(dir, "calibration.wav"), Enumerable.Range(0, Frame * 40).Select(_ => (short)r.Next(-20000, 20000)).ToArray(), 16000);
        return dir;
    }

    [Fact]
    public void A_layer_that_can_overflow_is_refused_naming_node_and_channel()
    {
        string model = ModelWithWideConv(517);
        string outDir = Path.Combine(Directory.CreateTempSubdirectory("dslc-overflow-out-").FullName, "out");
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", model, "-o", outDir, "-q");
        Assert.Equal((int)DslErrorCode.Quantization, r.Code);
        Assert.Contains("node 'wide' (Conv)", r.StdErr);
        Assert.Contains("output channel 1 could overflow its int32 accumulator", r.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_layer_just_under_the_bound_generates()
    {
        string model = ModelWithWideConv(516);
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", model, "-o", Path.Combine(Directory.CreateTempSubdirectory("dslc-overflow-out-").FullName, "out"), "-q");
        Assert.True(r.Code == 0, r.StdErr);
    }
}
