using System.Globalization;
using Dsl.Compiler.Routing;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Reporting;

/// <summary>
/// How often the heavy path runs per frame under the model's routing: measured by the golden model's light path
/// (switch, hold and replay exactly as the C runs them) on the model's test audio, or assumed when there is none.
/// The real-time report turns it into mean and p99 load and the routed energy.
/// </summary>
/// <param name="Source">Where the figures come from, for the report.</param>
/// <param name="Frames">Frames routed (0 when assumed).</param>
/// <param name="HeavyShare">Share of frames routed to the heavy path.</param>
/// <param name="RestartsPerFrame">Light-to-heavy transitions per frame (each pays a replay).</param>
/// <param name="Distribution">Heavy calls per frame and the share of frames with that many, fewest calls first.</param>
public sealed record RouteProfile(string Source, long Frames, double HeavyShare, double RestartsPerFrame, IReadOnlyList<HeavyCalls> Distribution)
{
    /// <summary>The heavy share assumed when the model has no test audio.</summary>
    public const double AssumedHeavyShare = 0.25;

    /// <summary>Heavy calls of every frame, per clip in order (empty when assumed): what the two-core heavy core's
    /// queue is simulated on (<see cref="HeavyBacklog"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IReadOnlyList<int>> CallsPerFrame { get; init; } = [];

    /// <summary>Mean heavy-path calls per frame, replay included.</summary>
    public double MeanCalls => Distribution.Sum(d => d.Calls * d.Share);

    /// <summary>Heavy calls of the frame at <paramref name="percentile"/> (nearest rank over the distribution).</summary>
    public int CallsAtPercentile(double percentile)
    {
        double reached = 0;
        foreach (HeavyCalls d in Distribution)
        {
            reached += d.Share;
            if (reached >= (percentile / 100) - 1e-12)
            {
                return d.Calls;
            }
        }

        return Distribution.Count == 0 ? 0 : Distribution[^1].Calls;
    }

    /// <summary>Routes every frame of <paramref name="clips"/> (each from a reset model) with the golden light path.</summary>
    /// <param name="what">Names the audio in <see cref="Source"/>.</param>
    public static RouteProfile Measure(ModelProgram program, IEnumerable<short[]> clips, string what) =>
        Of(RoutingTrace.Measure(program, clips.Select((pcm, i) => ($"clip {i + 1}", pcm)), what), program.HoldFrames, program.ReplayFrames);

    /// <summary>The profile of frames already routed (<see cref="RoutingTrace.Measure"/>); assumed when the trace has no frame.</summary>
    public static RouteProfile Of(RoutingTrace trace, int hold, int replayFrames) =>
        trace.Frames == 0 ? Assumed(hold, replayFrames)
            : OfClips(trace.Clips.Select(c => c.Frames.Select(f => (f.Heavy, f.RestartHeavy, f.HeavyCalls)).ToList()).ToList(),
                $"measured by the golden model on {trace.Frames} frames of {trace.What}");

    /// <summary>The profile of one sequence of routes (at least one).</summary>
    public static RouteProfile Of(IReadOnlyList<RouteStep> steps, string source) =>
        OfClips([steps.Select(d => (d.Heavy, d.RestartHeavy, d.Heavy ? 1 + d.ReplayFrames : 0)).ToList()], source);

    /// <summary>The profile of routed frames per clip, each clip from a reset model (at least one frame).</summary>
    private static RouteProfile OfClips(IReadOnlyList<List<(bool Heavy, bool Restart, int Calls)>> clips, string source)
    {
        var all = clips.SelectMany(c => c).ToList();
        long frames = all.Count;
        return new RouteProfile(source, frames, (double)all.Count(d => d.Heavy) / frames, (double)all.Count(d => d.Restart) / frames,
            all.GroupBy(d => d.Calls).OrderBy(g => g.Key).Select(g => new HeavyCalls(g.Key, (double)g.Count() / frames)).ToList())
        {
            CallsPerFrame = clips.Select(c => (IReadOnlyList<int>)c.Select(d => d.Calls).ToArray()).ToList(),
        };
    }

    /// <summary>No audio to measure on: <see cref="AssumedHeavyShare"/> of the frames heavy, in bursts of hold + 1
    /// frames, each opened by a full replay of <paramref name="replayFrames"/>.</summary>
    public static RouteProfile Assumed(int hold, int replayFrames, double share = AssumedHeavyShare)
    {
        double restarts = share / (hold + 1);
        var distribution = new List<HeavyCalls> { new(0, 1 - share) };
        if (replayFrames == 0)
        {
            distribution.Add(new HeavyCalls(1, share));
        }
        else
        {
            distribution.Add(new HeavyCalls(1, share - restarts));
            distribution.Add(new HeavyCalls(1 + replayFrames, restarts));
        }

        return new RouteProfile(string.Create(CultureInfo.InvariantCulture, $"assumed (no test audio): {share:P0} of frames heavy, in bursts of hold + 1 = {hold + 1} frames, each opened by a replay of {replayFrames} frames"),
            0, share, restarts, distribution.Where(d => d.Share > 0).ToList());
    }
}
