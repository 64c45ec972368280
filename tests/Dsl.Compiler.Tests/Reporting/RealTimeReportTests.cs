using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Targets;

namespace Dsl.Compiler.Tests.Reporting;

/// <summary>The load, deadline and energy arithmetic of the real-time report on hand-made boards and costs, and the
/// measured heavy share against the golden model's own routed run.</summary>
public sealed class RealTimeReportTests
{
    private static readonly string BoardsDir = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;

    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    // 16 kHz, 160-sample frames: 10 ms; at 10 MHz a frame is 100,000 cycles, which keeps the hand arithmetic readable.
    private const int SampleRate = 16000;
    private const int Frame = 160;

    private static readonly IReadOnlyList<VariantInstructions> Costs =
        [new("portable", 40_000, 90_000), new("dsp", 10_000, 30_000), new("mve", 5_000, 12_000)];

    private static BoardProfile TwoCore(int budgetPercent = 100) => BoardProfileLoader.Parse($$"""
        name: hand-made
        description: two cores at 10 and 20 MHz with power figures
        source: made up for the test
        frame_budget_percent: {{budgetPercent}}
        cores:
          - id: big
            cpu: cortex-m7
            fpu: fpv5-d16
            dsp: true
            mve: false
            clock_hz: 20_000_000
            gcc_flags: [-mcpu=cortex-m7, -mthumb, -mfpu=fpv5-d16, -mfloat-abi=hard]
            kernel_variant: dsp
            power: { active_mw: 100, sleep_mw: 1, covers: the test, source: the test }
            memory:
              flash: { origin: 0x08000000, size: 1M }
              ram:   { origin: 0x24000000, size: 512K }
          - id: little
            cpu: cortex-m3
            fpu: none
            dsp: false
            mve: false
            clock_hz: 10_000_000
            gcc_flags: [-mcpu=cortex-m3, -mthumb, -mfloat-abi=soft]
            kernel_variant: portable
            power: { active_ma: 5, sleep_ua: 100, supply_v: 2, covers: the test, source: the test, estimate: made up }
            memory:
              flash: { origin: 0x08100000, size: 1M }
              ram:   { origin: 0x30000000, size: 128K }
        paths:
          light: little
          heavy: big
        shared: { origin: 0x38000000, size: 64K }
        """, "hand-made.yaml");

    /// <summary>90 % light frames, 8 % steady heavy frames, 2 % restarts with a replay of 3 (4 calls).</summary>
    private static RouteProfile Routes => new("hand-made", 100, 0.10, 0.02, [new(0, 0.90), new(1, 0.08), new(4, 0.02)]);

    [Fact]
    public void Two_cores_load_each_core_with_its_own_path_variant_and_clock()
    {
        RealTimeReport r = RealTimeReport.Build(TwoCore(), Costs, Routes, SampleRate, Frame, replayFrames: 3);

        Assert.Equal(10.0, r.FrameMs, 9);
        CoreLoad little = Assert.Single(r.Cores, c => c.Core == "little");
        CoreLoad big = Assert.Single(r.Cores, c => c.Core == "big");
        // Light core: portable light frame 40,000 of 100,000 cycles, every frame the same.
        Assert.Equal(100_000, little.CyclesPerFrame, 6);
        Assert.Equal((40.0, 40.0, 40.0), (little.MeanPercent, little.P99Percent, little.WorstPercent));
        Assert.Null(little.SteadyHeavyFrame);
        Assert.Equal("mps2-an385 (Cortex-M3)", little.MeasuredOn);
        // Heavy core: dsp heavy call 30,000 of 200,000 cycles; mean calls 0.08 + 4 x 0.02 = 0.16; p99 frame is a
        // restart (0.90 + 0.08 < 0.99), worst = R + 1 = 4 calls.
        Assert.Equal(100.0 * 0.16 * 30_000 / 200_000, big.MeanPercent, 9);
        Assert.Equal(100.0 * 4 * 30_000 / 200_000, big.P99Percent, 9);
        Assert.Equal(4 * 30_000, big.WorstFrame, 9);
        Assert.Equal(30_000, big.SteadyHeavyFrame);
        Assert.Equal("mps2-an386 (Cortex-M4)", big.MeasuredOn);
        Assert.All(r.Deadlines, d => Assert.True(d.Met));
    }

    [Fact]
    public void Energy_is_active_power_for_the_busy_share_and_sleep_power_for_the_rest()
    {
        RealTimeReport r = RealTimeReport.Build(TwoCore(), Costs, Routes, SampleRate, Frame, replayFrames: 3);

        // little: 5 mA x 2 V = 10 mW active, 100 uA x 2 V = 0.2 mW asleep, busy 40 % in every mode.
        CoreEnergy little = r.Energy.Single(e => e.Core == "little");
        double littleMw = (0.4 * 10) + (0.6 * 0.2);
        Assert.Equal((littleMw, littleMw, littleMw), (little.LightOnly, little.Routed, little.AlwaysHeavy));
        Assert.Equal("estimate: made up", little.Power.Status);
        // big: 100 mW active, 1 mW asleep; idle when light-only, 0.16 x 15 % busy routed, 15 % busy always-heavy.
        CoreEnergy big = r.Energy.Single(e => e.Core == "big");
        Assert.Equal(1.0, big.LightOnly, 9);
        double routedBusy = 0.16 * 0.15;
        Assert.Equal((routedBusy * 100) + ((1 - routedBusy) * 1), big.Routed, 9);
        Assert.Equal((0.15 * 100) + (0.85 * 1), big.AlwaysHeavy, 9);
        EnergyTotals t = Assert.IsType<EnergyTotals>(r.Total);
        Assert.Equal(little.Routed + big.Routed, t.Routed, 9);
        Assert.Equal(100 * (1 - (t.Routed / t.AlwaysHeavy)), t.SavingPercent, 9);
        Assert.True(t.SavingPercent > 0);
    }

    [Fact]
    public void On_one_core_a_replay_burst_beyond_the_budget_misses_the_deadline_while_the_steady_frame_fits()
    {
        // stm32f407g-disc1 at 168 MHz: a 10 ms frame is 1,680,000 cycles; a dsp heavy call of 500,000 fits with the
        // light frame, a burst of R + 1 = 4 calls does not.
        BoardProfile board = BoardProfileLoader.Load("stm32f407g-disc1", BoardsDir);
        var costs = new List<VariantInstructions> { new("portable", 40_000, 90_000), new("dsp", 10_000, 500_000), new("mve", 5_000, 12_000) };
        RealTimeReport r = RealTimeReport.Build(board, costs, Routes, SampleRate, Frame, replayFrames: 3);

        PathDeadline heavy = Assert.Single(r.Misses);
        Assert.Equal(("heavy", 1_680_000.0), (heavy.Path, heavy.Budget));
        Assert.Null(heavy.Latency);
        Assert.True(heavy.SteadyMet);
        Assert.Equal("misses (replay burst)", heavy.Verdict);
        // 2,010,000 - 1,680,000 = 330,000 over, drained by 1,170,000 spare cycles per steady frame: one frame.
        Assert.Equal(1, heavy.CatchUpFrames);
        Assert.Equal(0, r.Deadlines.Single(d => d.Path == "light").CatchUpFrames);
        string line = heavy.MissMessage(board.Name, r.DeadlineMs, 168_000_000);
        Assert.Contains("core 'm4', heavy path", line);
        Assert.Contains("2,010,000 instructions, 120%", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void On_two_cores_a_replay_burst_spreads_over_the_routed_latency()
    {
        // Budget 50 %: 100,000 of the big core's 200,000 cycles; the burst of 4 x 30,000 does not fit one frame, but
        // with resume the response is at most (R + 1) x 0.3 = 1.2 frames, within the latency R + 1 = 4.
        RealTimeReport r = RealTimeReport.Build(TwoCore(budgetPercent: 50), Costs, Routes, SampleRate, Frame, replayFrames: 3);

        PathDeadline heavy = r.Deadlines.Single(d => d.Path == "heavy");
        Assert.Empty(r.Misses);
        HeavyLatency latency = Assert.IsType<HeavyLatency>(heavy.Latency);
        Assert.Equal((4, 1.2, true), (latency.Frames, Math.Round(latency.ResponseFrames, 9), latency.Proven));
        Assert.Equal("meets (burst spread over the latency)", heavy.Verdict);
        Assert.Contains("spreads over the frames that follow", RealTimeSection.ToMarkdown(r));
    }

    [Fact]
    public void On_two_cores_with_reset_the_latency_is_measured_on_the_routes_and_can_be_missed()
    {
        // Reset replays R = 3 frames after every light run, even a one-frame one: heavy, light, heavy, ... costs 4
        // calls every other frame. At 0.6 frames per call the queue grows by 0.4 frames every two frames.
        var costs = new List<VariantInstructions> { new("portable", 40_000, 90_000), new("dsp", 10_000, 60_000), new("mve", 5_000, 12_000) };
        int[] calls = Enumerable.Range(0, 40).Select(t => t % 2 == 0 ? 4 : 0).ToArray();
        RouteProfile routes = new("hand-made", calls.Length, 0.5, 0.5, [new(0, 0.5), new(4, 0.5)]) { CallsPerFrame = [calls] };

        RealTimeReport reset = RealTimeReport.Build(TwoCore(budgetPercent: 50), costs, routes, SampleRate, Frame, replayFrames: 3, ReplayPolicy.Reset);
        RealTimeReport resume = RealTimeReport.Build(TwoCore(budgetPercent: 50), costs, routes, SampleRate, Frame, replayFrames: 3, ReplayPolicy.Resume);

        PathDeadline late = Assert.Single(reset.Misses);
        Assert.False(late.Latency!.Proven);
        Assert.Equal("misses (output late)", late.Verdict);
        Assert.Contains("beyond the routed latency of 4 frames", late.MissMessage("hand-made", reset.DeadlineMs, 20_000_000));
        Assert.Equal(HeavyBacklog.WorstResponseFrames([calls], 0.6), late.Latency.ResponseFrames, 12);
        // The resume bound does not look at the routes: 4 x 0.6 = 2.4 frames.
        Assert.Empty(resume.Misses);
        Assert.Equal(2.4, resume.Deadlines.Single(d => d.Path == "heavy").Latency!.ResponseFrames, 9);
    }

    [Fact]
    public void One_core_runs_the_light_frame_under_every_heavy_call()
    {
        BoardProfile board = BoardProfileLoader.Load("stm32f407g-disc1", BoardsDir);
        RealTimeReport r = RealTimeReport.Build(board, Costs, Routes, SampleRate, Frame, replayFrames: 3);

        CoreLoad m4 = Assert.Single(r.Cores);
        Assert.Equal("light + heavy", m4.Paths);
        double cycles = 168_000_000 * 0.01;
        Assert.Equal(100 * (10_000 + (0.16 * 30_000)) / cycles, m4.MeanPercent, 9);
        Assert.Equal(10_000 + 30_000, m4.SteadyHeavyFrame);
        Assert.Equal(10_000 + (4 * 30_000), m4.WorstFrame, 9);
        // Light-only still pays the light frame; always-heavy one heavy call per frame, no replay.
        CoreEnergy e = Assert.Single(r.Energy);
        CorePower p = board.Light.Power!;
        Assert.Equal((10_000 / cycles * p.ActiveMilliwatts) + ((1 - (10_000 / cycles)) * p.SleepMilliwatts), e.LightOnly, 9);
        Assert.Equal((40_000 / cycles * p.ActiveMilliwatts) + ((1 - (40_000 / cycles)) * p.SleepMilliwatts), e.AlwaysHeavy, 9);
    }

    [Fact]
    public void A_saturated_core_is_capped_at_its_active_power()
    {
        // 1,000,000 dsp instructions per heavy call on a 200,000-cycle frame.
        var heavy = new List<VariantInstructions> { new("portable", 40_000, 90_000), new("dsp", 10_000, 1_000_000), new("mve", 5_000, 12_000) };
        RealTimeReport r = RealTimeReport.Build(TwoCore(), heavy, Routes, SampleRate, Frame, replayFrames: 3);

        CoreEnergy big = r.Energy.Single(e => e.Core == "big");
        Assert.True(big.Saturated);
        Assert.Equal(100, big.AlwaysHeavy, 9);
        PathDeadline miss = Assert.Single(r.Misses);
        Assert.Equal("big", miss.Core);
        Assert.False(miss.SteadyMet);
        Assert.Equal("misses", miss.Verdict);
        Assert.Null(miss.CatchUpFrames);
    }

    [Fact]
    public void Assumed_routing_spends_the_share_in_bursts_of_hold_plus_one_each_opened_by_a_replay()
    {
        RouteProfile a = RouteProfile.Assumed(hold: 4, replayFrames: 12, share: 0.25);

        Assert.Equal(1.0, a.Distribution.Sum(d => d.Share), 12);
        Assert.Equal(0.25 / 5, a.RestartsPerFrame, 12);
        Assert.Equal(0.25 + (0.05 * 12), a.MeanCalls, 12);
        Assert.Equal(13, a.CallsAtPercentile(99));
        Assert.Equal(0, a.CallsAtPercentile(50));
    }

    [Fact]
    public void The_measured_share_is_the_golden_models_routed_run()
    {
        CompiledModel m = Tiny.Value;
        short[] pcm = StreamedAudio.Read(Fixtures.TinyDslTestAudio, m.Manifest.SampleRate, m.Manifest.Frame);
        RouteProfile measured = RouteProfile.Measure(m.Program, [pcm], "synth.wav");

        var records = new GoldenModel(m.Program).RunClip(pcm);
        double heavy = records.Count(f => f.Route != 0);
        double calls = records.Sum(f => f.Route != 0 ? 1 + f.ReplayFrames : 0);
        Assert.Equal(records.Count, measured.Frames);
        Assert.Equal(heavy / records.Count, measured.HeavyShare, 12);
        Assert.Equal(calls / records.Count, measured.MeanCalls, 12);
        Assert.InRange(measured.HeavyShare, 0.01, 0.99); // the clip exercises both routes, so the test can fail
    }
}
