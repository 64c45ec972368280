using Dsl.Compiler.Manifest;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// dslc tune's sweep: every threshold that changes the route (<see cref="RoutingSweep.Thresholds"/>, plus one above
/// every score: light only) x the grid's holds x resume and reset with exact replay; then bounded replay K &lt; R for
/// a few (threshold, hold) pairs spread along the exact front (<see cref="SweepGrid.BoundedPairs"/>) (each such point runs the heavy path, far slower); each point
/// priced on the board (<see cref="BoardCosts"/>); the Pareto front of quality (SNR vs always-heavy) against
/// heavy-path instructions per second.
/// </summary>
public static class TuneSweep
{
    public static TuneResult Run(ModelProgram program, QuantParams score, RoutingSweep sweep, SweepGrid grid, BoardCosts costs, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(progress);
        int r = program.ReceptiveFrames;
        string what = $"{sweep.Clips.Count} clip(s)";
        List<int> thresholds = sweep.Thresholds().ToList();
        if (thresholds.Count > 0 && thresholds[^1] < 128)
        {
            thresholds.Add(thresholds[^1] + 1);
        }

        TunePoint Point(RoutingSetting s)
        {
            RoutedRun run = sweep.Run(s, what);
            return new TunePoint(s, ThresholdValue.Candidates(score, s.ThresholdQ)[0], run.Routes.HeavyShare, run.Routes.RestartsPerFrame,
                run.Routes.MeanCalls, costs.Of(run.Routes, s.ReplayFrames), run.Quality);
        }

        var exact = new List<TunePoint>();
        foreach (ReplayPolicy policy in new[] { ReplayPolicy.Resume, ReplayPolicy.Reset })
        {
            foreach (int hold in grid.Holds)
            {
                exact.AddRange(thresholds.Select(t => Point(new RoutingSetting(t, hold, policy, r, Exact: true))));
            }
        }

        progress($"tune: {exact.Count} exact points ({thresholds.Count} thresholds x {grid.Holds.Count} holds x resume, reset) on {sweep.Frames} frames");
        bool[] exactFront = Mark(exact);
        var pairs = Spread(exact.Where((p, i) => exactFront[i] && p.HeavyShare is > 0 and < 1)
            .OrderBy(p => p.Load.HeavyInstructionsPerSecond)
            .Select(p => (p.Setting.ThresholdQ, p.Setting.Hold)).Distinct().ToList(), grid.BoundedPairs);
        var boundedSettings = grid.BoundedReplays
            .SelectMany(k => new[] { ReplayPolicy.Resume, ReplayPolicy.Reset }
                .SelectMany(policy => pairs.Select(p => new RoutingSetting(p.ThresholdQ, p.Hold, policy, k, Exact: false))))
            .ToList();
        if (boundedSettings.Count > 0)
        {
            progress($"tune: bounded replay K = {string.Join(", ", grid.BoundedReplays)}: {boundedSettings.Count} points ({pairs.Count} threshold and hold pairs of the exact front, resume and reset), each a heavy-path run");
        }

        // Each point runs its own golden heavy path over read-only frames: independent, so in parallel, kept in order.
        List<TunePoint> bounded = boundedSettings.AsParallel().AsOrdered().Select(Point).ToList();
        List<TunePoint> points = [.. exact, .. bounded];
        bool[] front = Mark(points);
        points = points.Select((p, i) => p with { OnFront = front[i] }).ToList();

        TunePoint current = Point(new RoutingSetting(program.SwitchThreshold, program.HoldFrames, program.Replay, program.ReplayFrames, program.ExactReplay));
        TunePoint Reference(bool heavy)
        {
            var quality = new QualitySums();
            long frames = 0;
            foreach (TuneFrame f in sweep.Clips.SelectMany(c => c.Frames))
            {
                quality.Add(f, heavy ? f.HeavyScore : f.LightScore);
                frames++;
            }

            var routes = new RouteProfile($"{(heavy ? "always-heavy" : "light only")} on {frames} frames of {what}", frames, heavy ? 1 : 0, 0,
                [new HeavyCalls(heavy ? 1 : 0, 1)]);
            var setting = new RoutingSetting(heavy ? -128 : 128, 0, program.Replay, r, Exact: true);
            return new TunePoint(setting, float.NaN, routes.HeavyShare, 0, routes.MeanCalls, costs.Of(routes, r), quality.Figures());
        }

        return new TuneResult(program.Name, costs.Board.Name, costs.Board.HeavyCore, costs.HeavyVariant.Variant, r,
            sweep.Clips.Select(c => c.Name).ToList(), sweep.Frames, points, current, Reference(heavy: true), Reference(heavy: false));
    }

    /// <summary>At most <paramref name="count"/> items, evenly spaced, first and last included.</summary>
    private static List<T> Spread<T>(List<T> items, int count) =>
        items.Count <= count ? items
            : Enumerable.Range(0, count).Select(i => items[(int)Math.Round((double)i * (items.Count - 1) / Math.Max(count - 1, 1))]).Distinct().ToList();

    private static bool[] Mark(IReadOnlyList<TunePoint> points) =>
        ParetoFront.Mark(points.Select(p => (p.Load.HeavyInstructionsPerSecond, p.Quality.SnrVsHeavyDb)).ToList());
}
