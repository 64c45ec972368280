using Dsl.Compiler.Audio;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>The trace the plots draw is the golden model's routed run, frame by frame, and the route profile of the
/// real-time report counts the same frames.</summary>
public sealed class RoutingTraceTests
{
    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    [Fact]
    public void Each_frame_is_the_golden_models_decision_with_its_input_level()
    {
        CompiledModel m = Tiny.Value;
        short[] pcm = StreamedAudio.Read(Fixtures.TinyDslTestAudio, m.Manifest.SampleRate, m.Manifest.Frame);
        RoutingTrace trace = RoutingTrace.Measure(m.Program, [("synth.wav", pcm), ("again.wav", pcm)], "two clips");
        List<FrameRecord> golden = new GoldenModel(m.Program).RunClip(pcm);

        Assert.Equal(2, trace.Clips.Count);
        Assert.Equal(2L * golden.Count, trace.Frames);
        Assert.Equal(trace.Clips[0].Frames, trace.Clips[1].Frames); // each clip from a reset model
        int n = m.Program.FrameSamples;
        for (int f = 0; f < golden.Count; f++)
        {
            FrameRoute r = trace.Clips[0].Frames[f];
            Assert.Equal(golden[f].Route != 0, r.Heavy);
            Assert.Equal(golden[f].SwitchScore, r.SwitchScore);
            Assert.Equal(golden[f].Route != 0 ? 1 + golden[f].ReplayFrames : 0, r.HeavyCalls);
            Assert.Equal(InputLevels.RmsDbfs(pcm, f * n, n), r.InputDbfs);
        }

        int changes = Enumerable.Range(1, golden.Count - 1).Count(f => (golden[f].Route != 0) != (golden[f - 1].Route != 0));
        Assert.InRange(changes, 1, golden.Count); // the clip exercises both routes, so the count can fail
        Assert.Equal(changes, trace.Clips[0].Transitions);
        Assert.Equal((double)n / m.Program.SampleRate, trace.SecondsPerFrame);
        Assert.Equal(m.Program.SwitchThreshold, trace.Threshold);

        RouteProfile profile = RouteProfile.Of(trace, m.Program.HoldFrames, m.Program.ReplayFrames);
        Assert.Equal(RouteProfile.Measure(m.Program, [pcm], "synth.wav").Distribution, profile.Distribution);
        Assert.Contains("two clips", profile.Source);
    }
}
