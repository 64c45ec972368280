namespace Dsl.Compiler.Validation;

/// <summary>
/// The two-core routed output at a fixed latency (docs/two-cores.md): a heavy frame's routed output is the heavy
/// core's when it arrived in time, else (late) the frame's light output; a light frame's is its light output.
/// Applied to the golden frames with the sources the firmware reported, it gives what the two-core trace must
/// hold, bit for bit: the late frames' heavy output did not arrive (zeros in the trace) and their routed output
/// is the light output; everything else is the golden model's. A classifier head has no light audio: a late frame
/// routes to the gated scores (the negative class), as a light frame does.
/// </summary>
public static class LatencyRule
{
    /// <summary>The golden frames as the two-core trace must record them given <paramref name="sources"/>
    /// (one per golden frame, see <see cref="Inconsistency"/>). <paramref name="gatedOut"/>: a classifier head's gated
    /// scores, the routed output of a late frame (null: the frame's light output).</summary>
    public static IReadOnlyList<FrameRecord> Expected(IReadOnlyList<FrameRecord> golden, IReadOnlyList<RoutedSource> sources, short[]? gatedOut = null)
    {
        if (sources.Count != golden.Count)
        {
            throw new ArgumentException($"{sources.Count} routed sources for {golden.Count} frames", nameof(sources));
        }

        var expected = new List<FrameRecord>(golden.Count);
        for (int f = 0; f < golden.Count; f++)
        {
            FrameRecord g = golden[f];
            expected.Add(g.Route == 1 && sources[f] == RoutedSource.Late
                ? g with { HeavyOut = new short[g.HeavyOut.Length], Process = g.Process with { Out = gatedOut ?? g.LightOut } }
                : g);
        }

        return expected;
    }

    /// <summary>The first frame whose reported source cannot be (a light frame reported heavy or late, a heavy
    /// frame reported light), or a frame count that differs; null when consistent.</summary>
    public static string? Inconsistency(IReadOnlyList<FrameRecord> golden, IReadOnlyList<RoutedSource> sources)
    {
        if (sources.Count != golden.Count)
        {
            return $"the routing log has {sources.Count} frames, the golden model {golden.Count}";
        }

        for (int f = 0; f < golden.Count; f++)
        {
            bool heavy = golden[f].Route == 1;
            if (heavy != (sources[f] is RoutedSource.Heavy or RoutedSource.Late))
            {
                return $"frame {f}: routed source {sources[f]} for a {(heavy ? "heavy" : "light")} frame of the golden model";
            }
        }

        return null;
    }

    /// <summary>Compares a two-core trace with the golden frames under this rule: the sources first, then every
    /// decision, light output, handoff byte, arrived heavy output and routed output (<paramref name="gatedOut"/>: see
    /// <see cref="Expected"/>).</summary>
    public static TraceComparison Compare(IReadOnlyList<FrameRecord> golden, IReadOnlyList<FrameRecord> c, RoutingLog routing, string what,
        short[]? gatedOut = null)
    {
        string? bad = Inconsistency(golden, routing.Sources);
        if (bad is not null)
        {
            return new TraceComparison(false, golden.Count, golden.Count(r => r.Route == 1), golden.Sum(r => r.ReplayFrames), $"{what}: {bad}");
        }

        return TraceComparison.Compare(Expected(golden, routing.Sources, gatedOut), c, what);
    }
}
