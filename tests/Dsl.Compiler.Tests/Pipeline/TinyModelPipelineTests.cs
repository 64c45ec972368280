using Dsl.Compiler.Analysis;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Pipeline;

public sealed class TinyModelPipelineTests
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private static short[] TestAudio => WavFile.ReadMono16(Fixtures.TinyDslTestAudio, 16000);

    [Fact]
    public void Partition_puts_encoder_and_switch_on_the_light_path()
    {
        Partition p = Compiled.Value.Partition;
        Assert.Contains(p.LightNodes, n => n.Output == Compiled.Value.Graph.OutputTensor("switch_logit"));
        Assert.Contains(p.HeavyNodes, n => n.Output == Compiled.Value.Graph.OutputTensor("heavy"));
        Assert.Equal(new[] { Compiled.Value.Graph.OutputTensor("embedding") }, p.Handoff);
        Assert.True(p.ReplayFrames >= 1);
    }

    [Fact]
    public void Passes_leave_only_streamable_compute_nodes()
    {
        IrGraph g = Compiled.Value.Graph;
        Assert.DoesNotContain(g.Nodes, n => n is PadNode or CropNode);
        Assert.Contains(g.Nodes, n => n is ConvNode { Activation.Kind: ActivationKind.Elu });
        Assert.Contains(g.Nodes, n => n is ConcatNode);
    }

    [Fact]
    public void Routed_heavy_frames_equal_always_heavy_bit_for_bit()
    {
        var golden = new GoldenModel(Compiled.Value.Program);
        short[] audio = TestAudio;
        List<FrameRecord> routed = golden.RunClip(audio);
        List<FrameRecord> always = golden.RunClip(audio, alwaysHeavy: true);
        int heavyFrames = 0;
        for (int f = 0; f < routed.Count; f++)
        {
            if (routed[f].Route == 1)
            {
                heavyFrames++;
                Assert.Equal(always[f].HeavyOut, routed[f].HeavyOut);
            }
        }

        Assert.InRange(heavyFrames, 1, routed.Count - 1);
        Assert.Contains(routed, r => r.ReplayFrames > 0);
    }

    [Fact]
    public void Int8_heavy_output_tracks_the_float_reference()
    {
        double snr = QualityMetrics.HeavyIntVsFloatSnr(Compiled.Value, TestAudio);
        Assert.True(snr > 20, $"int8 vs float heavy SNR {snr:F1} dB");
    }
}
