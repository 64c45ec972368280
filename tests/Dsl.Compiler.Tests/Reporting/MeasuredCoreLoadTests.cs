using Dsl.Compiler.Boards;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Reporting;

/// <summary>bench's measured load per core: every frame counts (0 where the core's path does not run), heavy counts
/// carry their replay, one core adds both paths, and p99 is the nearest-rank frame.</summary>
public sealed class MeasuredCoreLoadTests
{
    private static readonly string BoardsDir = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;

    /// <summary>100 frames: light 1,000 each; frames 10..19 heavy at 5,000, frame 10 a restart at 20,000 (replay included).</summary>
    private static List<FrameRecord> Frames() => Enumerable.Range(0, 100).Select(i =>
    {
        bool heavy = i is >= 10 and < 20;
        uint h = !heavy ? 0u : i == 10 ? 20_000u : 5_000u;
        return FrameRecord.Routed(heavy ? 1 : 0, i == 10 ? 3 : 0, 0, 1_000, h, [], [], []);
    }).ToList();

    [Fact]
    public void One_core_adds_the_light_frame_to_the_heavy_calls_of_every_frame()
    {
        BoardProfile board = BoardProfileLoader.Load("mps2-an386", BoardsDir);
        MeasuredCoreLoad m4 = Assert.Single(MeasuredCoreLoad.Of(board, Frames(), 0.02, replayFrames: 3));

        Assert.Equal("light + heavy", m4.Paths);
        Assert.Equal(100, m4.Frames);
        Assert.Equal(1_000 + ((9 * 5_000) + 20_000) / 100.0, m4.Mean, 9);
        Assert.Equal(6_000, m4.P99);   // rank 99 of 100: a steady heavy frame, not the restart
        Assert.Equal(21_000, m4.Worst);
        Assert.Equal(100.0 * 21_000 / (25_000_000 * 0.02), m4.WorstPercent, 9);
        Assert.Equal("meets", m4.Verdict);
    }

    [Fact]
    public void Two_cores_count_each_path_on_its_own_core()
    {
        BoardProfile board = BoardProfileLoader.Load("mps2-an521", BoardsDir);
        IReadOnlyList<MeasuredCoreLoad> loads = MeasuredCoreLoad.Of(board, Frames(), 0.02, replayFrames: 3);

        MeasuredCoreLoad light = loads.Single(l => l.Core == board.LightCore);
        MeasuredCoreLoad heavy = loads.Single(l => l.Core == board.HeavyCore);
        Assert.Equal((1_000.0, 1_000L, 1_000L), (light.Mean, light.P99, light.Worst));
        Assert.Equal(((9 * 5_000) + 20_000) / 100.0, heavy.Mean, 9);
        Assert.Equal((5_000L, 20_000L), (heavy.P99, heavy.Worst));
        Assert.Contains("| mps2-an521 | " + board.HeavyCore + " | heavy |", MeasuredLoadSection.ToMarkdown(loads, 20));
        Assert.Null(light.LatencyFrames);
        Assert.Equal(4, heavy.LatencyFrames);
    }

    [Fact]
    public void A_two_core_heavy_core_meets_while_its_queue_answers_within_the_latency()
    {
        BoardProfile board = BoardProfileLoader.Load("mps2-an521", BoardsDir);
        double budget = board.Heavy.ClockHz * 0.02 * board.FrameBudgetPercent / 100.0;
        // Frame 10 carries 3.5 frames of work: its output is ready 3.5 frames later, within R + 1 = 4 ...
        List<FrameRecord> Burst(double frames) => Enumerable.Range(0, 30).Select(i =>
            FrameRecord.Routed(i == 10 ? 1 : 0, 0, 0, 1_000, i == 10 ? (uint)(frames * budget) : 0u, [], [], [])).ToList();
        MeasuredCoreLoad fits = MeasuredCoreLoad.Of(board, Burst(3.5), 0.02, replayFrames: 3).Single(l => l.Core == board.HeavyCore);
        Assert.True(fits.Met);
        Assert.Equal(3.5, fits.ResponseFrames!.Value, 6);
        Assert.StartsWith("meets", fits.Verdict);
        // ... and 4.5 frames of work is late, though on one core the same frame would miss either way.
        MeasuredCoreLoad late = MeasuredCoreLoad.Of(board, Burst(4.5), 0.02, replayFrames: 3).Single(l => l.Core == board.HeavyCore);
        Assert.False(late.Met);
        Assert.Contains("misses", late.Verdict);
    }
}
