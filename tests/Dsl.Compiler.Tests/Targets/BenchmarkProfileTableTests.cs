using System.Text.Json;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>One heavy call and the per-step profile in the benchmark table (no QEMU).</summary>
public class BenchmarkProfileTableTests
{
    private static PathProfile HeavyProfile() => new(
    [
        new StepMeasurement(new StepSummary(0, "conv1d_s8", "/h/conv", "8->8 k7, 320 rows", 17_920), 250, 40_000),
        new StepMeasurement(new StepSummary(1, "history_shift", "/h/conv", "48+2560 B", 0), 250, 39_000),
    ], 86, 30, 80_180);

    private static BenchmarkMeasurements Sample(PathProfile? profile, int callFrames = 200) => new("dsl_ref", 16000, 320, 30.0,
    [
        new PathMeasurement("mps2-an386", "m4", "light", 25_000_000, 1500, 50_000, 52_000, 20_000, 4000, 30_000, 50, 4_000, 2_000, 1500, 50_000),
        new PathMeasurement("mps2-an386", "m4", "heavy", 25_000_000, 300, 250_000, 400_000, 100_000, 9000, 150_000, 100, 20_000, 8_000,
            callFrames, 80_000, profile),
    ]);

    [Fact]
    public void Heavy_rows_get_one_call_next_to_the_replay_inclusive_figures()
    {
        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(Sample(null)));
        var heavy = doc.RootElement.GetProperty("paths")[1];
        Assert.Equal(250_000, heavy.GetProperty("instructions_per_frame_mean").GetDouble());
        Assert.Equal(2.5, heavy.GetProperty("instructions_per_mac").GetDouble());
        Assert.Equal(200, heavy.GetProperty("call_frames").GetInt32());
        Assert.Equal(80_000, heavy.GetProperty("instructions_per_call_mean").GetDouble());
        Assert.Equal(0.8, heavy.GetProperty("instructions_per_mac_call").GetDouble());
        Assert.False(heavy.TryGetProperty("profile", out _));
        var light = doc.RootElement.GetProperty("paths")[0];
        Assert.False(light.TryGetProperty("instructions_per_call_mean", out _));

        var md = BenchmarkTable.ToMarkdown(Sample(null));
        Assert.Contains("| mps2-an386 | m4 | 200 | 80000 | 0.80 |", md);
        Assert.DoesNotContain("Per-step profile", md);
    }

    [Fact]
    public void Without_a_plain_heavy_call_the_per_call_figures_are_null()
    {
        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(Sample(null, callFrames: 0)));
        var heavy = doc.RootElement.GetProperty("paths")[1];
        Assert.Equal(JsonValueKind.Null, heavy.GetProperty("instructions_per_call_mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, heavy.GetProperty("instructions_per_mac_call").ValueKind);
        Assert.DoesNotContain("One heavy call", BenchmarkTable.ToMarkdown(Sample(null, callFrames: 0)));
    }

    [Fact]
    public void Step_rows_show_instructions_macs_and_share_of_one_call()
    {
        var m = Sample(HeavyProfile());
        var md = BenchmarkTable.ToMarkdown(m);
        Assert.Contains("### mps2-an386 (m4), heavy path", md);
        Assert.Contains("Hooks: 86 instructions per step when enabled (2 steps: +172 per call, measured +180); 30 instructions", md);
        Assert.Contains("| 0 | conv1d_s8 | `/h/conv` | 8->8 k7, 320 rows | 250 | 40000 | 17920 | 2.23 | 50.0 % |", md);
        Assert.Contains("| 1 | history_shift | `/h/conv` | 48+2560 B | 250 | 39000 | 0 | - | 48.8 % |", md);
        Assert.Contains("| | outside steps | | | | 1000 | | | 1.3 % |", md);
        Assert.Equal(md, BenchmarkTable.ToMarkdown(Sample(HeavyProfile())));

        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(m));
        var profile = doc.RootElement.GetProperty("paths")[1].GetProperty("profile");
        Assert.Equal(86, profile.GetProperty("hook_instructions_per_step").GetInt64());
        Assert.Equal(79_000, profile.GetProperty("step_instructions_per_call").GetDouble());
        var step = profile.GetProperty("steps")[0];
        Assert.Equal("conv1d_s8", step.GetProperty("op").GetString());
        Assert.Equal("/h/conv", step.GetProperty("node").GetString());
        Assert.Equal(17_920, step.GetProperty("macs_per_call").GetInt64());
        Assert.Equal(0.5, step.GetProperty("share_of_call").GetDouble());
        Assert.Equal(2.232, step.GetProperty("instructions_per_mac").GetDouble());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("steps")[1].GetProperty("instructions_per_mac").ValueKind);
    }

    [Fact]
    public void Without_a_call_total_shares_are_of_the_steps_sum()
    {
        var m = Sample(HeavyProfile(), callFrames: 0);
        Assert.Equal(40_000.0 / 79_000, BenchmarkTable.StepShare(m.Paths[1], m.Paths[1].Profile!.Steps[0]), 12);
        Assert.DoesNotContain("| | outside steps", BenchmarkTable.ToMarkdown(m));
    }

    [Fact]
    public void One_heavy_call_is_a_heavy_frame_after_a_heavy_frame()
    {
        FrameRecord F(int route, int replay, uint heavy) => FrameRecord.Routed(route, replay, 0, 10, heavy, [0], [], [0]);
        var t = new TraceFile(1, 0,
        [
            F(1, 0, 500),  // frame 0 restarts (reset) even without replay
            F(1, 0, 100),
            F(0, 0, 0),
            F(1, 2, 900),  // light -> heavy: reset and replay
            F(1, 0, 110),
            F(1, 0, 120),
        ]);
        Assert.Equal(new InstructionStats(3, 110, 120), InstructionStats.HeavyCall(t));
        Assert.Equal(new InstructionStats(5, 346, 900), InstructionStats.Heavy(t));
    }
}
