using Dsl.Compiler.Reporting;
using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Tuning;

/// <summary>Accumulates routed frames into the <see cref="RouteProfile"/> the real-time report prices.</summary>
public sealed class RouteCounts
{
    private readonly SortedDictionary<int, long> calls = new();
    private long frames, heavy, restarts;

    public void Add(RouteStep step)
    {
        int c = step.Heavy ? 1 + step.ReplayFrames : 0;
        calls[c] = calls.GetValueOrDefault(c) + 1;
        frames++;
        heavy += step.Heavy ? 1 : 0;
        restarts += step.RestartHeavy ? 1 : 0;
    }

    public RouteProfile Profile(string what)
    {
        long n = Math.Max(frames, 1);
        return new RouteProfile($"measured by the golden model on {frames} frames of {what}", frames, (double)heavy / n, (double)restarts / n,
            calls.Select(c => new HeavyCalls(c.Key, (double)c.Value / n)).ToList());
    }
}
