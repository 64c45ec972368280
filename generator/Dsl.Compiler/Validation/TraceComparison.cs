namespace Dsl.Compiler.Validation;

/// <summary>Result of comparing a C trace with the golden model's: bit-exact, or the first difference.</summary>
public sealed record TraceComparison(bool BitExact, int Frames, int HeavyFrames, int ReplayedFrames, string? FirstDifference)
{
    /// <summary>Compares every route decision, replay count, switch score, output sample and handoff byte, of
    /// the per-path calls and of the single-core m_process.</summary>
    public static TraceComparison Compare(IReadOnlyList<FrameRecord> golden, IReadOnlyList<FrameRecord> c, string what)
    {
        int heavy = golden.Count(r => r.Route == 1);
        int replayed = golden.Sum(r => r.ReplayFrames);
        if (golden.Count != c.Count)
        {
            return new TraceComparison(false, golden.Count, heavy, replayed, $"{what}: the golden model has {golden.Count} frames, the C trace {c.Count}");
        }

        for (int f = 0; f < golden.Count; f++)
        {
            FrameRecord g = golden[f];
            FrameRecord x = c[f];
            string? diff =
                g.Route != x.Route ? $"route {x.Route} (golden {g.Route})"
                : g.ReplayFrames != x.ReplayFrames ? $"replay_frames {x.ReplayFrames} (golden {g.ReplayFrames})"
                : g.SwitchScore != x.SwitchScore ? $"switch_score {x.SwitchScore} (golden {g.SwitchScore})"
                : FirstDiff("light_out sample", g.LightOut, x.LightOut)
                  ?? FirstDiff("handoff byte", g.Handoff, x.Handoff)
                  ?? FirstDiff("heavy_out sample", g.HeavyOut, x.HeavyOut)
                  ?? (g.Process.Route != x.Process.Route ? $"m_process route {x.Process.Route} (golden {g.Process.Route})"
                  : g.Process.ReplayFrames != x.Process.ReplayFrames ? $"m_process replay_frames {x.Process.ReplayFrames} (golden {g.Process.ReplayFrames})"
                  : g.Process.SwitchScore != x.Process.SwitchScore ? $"m_process switch_score {x.Process.SwitchScore} (golden {g.Process.SwitchScore})"
                  : FirstDiff("m_process routed out sample", g.Process.Out, x.Process.Out));
            if (diff is not null)
            {
                return new TraceComparison(false, golden.Count, heavy, replayed, $"{what}: frame {f}: {diff}");
            }
        }

        return new TraceComparison(true, golden.Count, heavy, replayed, null);
    }

    private static string? FirstDiff<T>(string field, T[] golden, T[] c)
        where T : IEquatable<T>
    {
        if (golden.Length != c.Length)
        {
            return $"{field} count {c.Length} (golden {golden.Length})";
        }

        for (int i = 0; i < golden.Length; i++)
        {
            if (!golden[i].Equals(c[i]))
            {
                return $"{field} {i} is {c[i]} (golden {golden[i]})";
            }
        }

        return null;
    }
}
