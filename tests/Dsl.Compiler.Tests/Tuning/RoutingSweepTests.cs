using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Tuning;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>
/// The sweep against the golden model's own routed run (<see cref="GoldenModel.RunClip"/> of a program with the
/// point's threshold, hold, policy and replay count) on the tiny fixture: an exact point's per-frame choice between the
/// light and the always-heavy output is the routed output frame for frame; a bounded point (K &lt; R) is a real routed
/// heavy run, which differs from that choice; the fast figures equal the figures of the routed output itself.
/// </summary>
public sealed class RoutingSweepTests(TinyTuneModel tiny) : IClassFixture<TinyTuneModel>
{
    private readonly TinyTuneModel tiny = tiny;

    public static TheoryData<int, ReplayPolicy> Settings() => new()
    {
        { 0, ReplayPolicy.Resume },
        { 2, ReplayPolicy.Resume },
        { 1, ReplayPolicy.Reset },
        { 5, ReplayPolicy.Reset },
    };

    private List<FrameRecord> Golden(RoutingSetting s) =>
        new GoldenModel(tiny.Model.Program with { SwitchThreshold = s.ThresholdQ, HoldFrames = s.Hold, Replay = s.Policy, ReplayFrames = s.ReplayFrames })
            .RunClip(tiny.Pcm);

    /// <summary>Three thresholds that, without hold, route 5 to 70 % of the frames heavy (the tiny model's scores
    /// cluster near the top of the int8 range).</summary>
    private IEnumerable<int> MiddleThresholds()
    {
        int r = tiny.Model.Program.ReplayFrames;
        var mixed = tiny.Sweep.Thresholds()
            .Where(t => tiny.Sweep.Run(new RoutingSetting(t, 0, ReplayPolicy.Resume, r, true), "clip").Routes.HeavyShare is >= 0.05 and <= 0.7)
            .ToList();
        Assert.True(mixed.Count >= 3, $"only {mixed.Count} thresholds route the tiny clip mixed");
        return new[] { mixed[0], mixed[mixed.Count / 2], mixed[^1] };
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void An_exact_point_is_the_golden_routed_run_frame_for_frame(int hold, ReplayPolicy policy)
    {
        int r = tiny.Model.Program.ReplayFrames;
        foreach (int t in MiddleThresholds())
        {
            var s = new RoutingSetting(t, hold, policy, r, Exact: true);
            List<FrameRecord> golden = Golden(s);
            IReadOnlyList<short[]> routed = tiny.Sweep.RoutedOutput(tiny.Clip, s);
            Assert.Equal(golden.Count, routed.Count);
            Assert.Contains(golden, g => g.Route == 1);
            for (int f = 0; f < golden.Count; f++)
            {
                Assert.True(golden[f].Process.Out.SequenceEqual(routed[f]), $"threshold {t}, hold {hold}, {policy}: frame {f} differs");
            }

            RoutedRun run = tiny.Sweep.Run(s, "the test clip");
            Assert.Equal(golden.Count(g => g.Route == 1) / (double)golden.Count, run.Routes.HeavyShare, 12);
            Assert.Equal(golden.Sum(g => g.Route == 1 ? 1.0 + g.ReplayFrames : 0) / golden.Count, run.Routes.MeanCalls, 9);
            AssertFigures(FiguresOf(routed), run.Quality);
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void A_bounded_point_is_a_real_routed_heavy_run(int hold, ReplayPolicy policy)
    {
        int r = tiny.Model.Program.ReplayFrames;
        Assert.True(r >= 1, "the tiny fixture needs R >= 1 for a bounded replay");
        bool differsFromExact = false;
        foreach (int t in MiddleThresholds())
        {
            var s = new RoutingSetting(t, hold, policy, 0, Exact: false);
            List<FrameRecord> golden = Golden(s);
            IReadOnlyList<short[]> routed = tiny.Sweep.RoutedOutput(tiny.Clip, s);
            IReadOnlyList<short[]> exact = tiny.Sweep.RoutedOutput(tiny.Clip, s with { ReplayFrames = r, Exact = true });
            for (int f = 0; f < golden.Count; f++)
            {
                Assert.True(golden[f].Process.Out.SequenceEqual(routed[f]), $"threshold {t}, hold {hold}, {policy}, K = 0: frame {f} differs");
                differsFromExact |= !routed[f].SequenceEqual(exact[f]);
            }

            AssertFigures(FiguresOf(routed), tiny.Sweep.Run(s, "the test clip").Quality);
        }

        Assert.True(differsFromExact, "no replay gave the exact output on every frame: the bounded run shows nothing");
    }

    [Fact]
    public void Every_swept_threshold_routes_differently()
    {
        IReadOnlyList<int> thresholds = tiny.Sweep.Thresholds();
        Assert.True(thresholds.Count > 2);
        var shares = thresholds.Select(t => tiny.Sweep.Run(new RoutingSetting(t, 0, ReplayPolicy.Resume, tiny.Model.Program.ReplayFrames, true), "clip").Routes.HeavyShare).ToList();
        Assert.Equal(1.0, shares[0]);
        for (int i = 1; i < shares.Count; i++)
        {
            Assert.True(shares[i] < shares[i - 1], $"threshold {thresholds[i]} routes as {thresholds[i - 1]}");
        }
    }

    /// <summary>The quality of routed outputs computed from the outputs themselves, frame by frame.</summary>
    private QualityFigures FiguresOf(IReadOnlyList<short[]> routed)
    {
        var sums = new QualitySums();
        for (int f = 0; f < routed.Count; f++)
        {
            sums.Add(tiny.Clip.Frames[f], tiny.Clip.Frames[f].ScoreOf(routed[f], tiny.Lsd));
        }

        return sums.Figures();
    }

    private static void AssertFigures(QualityFigures expected, QualityFigures actual)
    {
        Assert.Equal(expected.SnrVsHeavyDb, actual.SnrVsHeavyDb, 9);
        Assert.Equal(expected.LsdVsHeavyDb, actual.LsdVsHeavyDb, 9);
        Assert.Equal(expected.SnrVsInputDb, actual.SnrVsInputDb, 9);
        Assert.Equal(expected.LsdVsInputDb, actual.LsdVsInputDb, 9);
    }
}
