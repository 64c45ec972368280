namespace Dsl.Compiler.Validation;

/// <summary>
/// The frame period of the paced two-core run (the light core publishes a frame every period and never waits for
/// the heavy core). Under QEMU -icount both cores share one virtual clock (round-robin), so a period holds the
/// light core's frame and whatever the heavy core gets done in the rest of it. The period is found from the
/// lockstep run's per-core counts: the smallest period at which the heavy jobs, queued first come first served on
/// the heavy core (each heavy frame's count, its restart's replay included, released when its frame is published;
/// the light core's frame and trace writing first in every period), all finish before the light core assembles
/// them L frames later, with a quarter headroom. Restarts (a replay of REPLAY_FRAMES frames) close together are
/// what sets it, not the mean: a heavy core that only keeps up on average is late after them.
/// </summary>
public static class FramePacing
{
    /// <summary>The default load: the period above.</summary>
    public const double DefaultLoad = 1.0;

    /// <summary>Instructions the harness spends per trace byte it writes (record packing), generously.</summary>
    public const int HarnessInstructionsPerTraceByte = 16;

    /// <summary>The period is this much longer than the smallest one the counts allow.</summary>
    public const double Headroom = 1.25;

    /// <summary>The period in virtual-clock instructions for <paramref name="load"/> times the default work
    /// (load &gt; 1: frames come faster than the heavy core can keep up with: an overload), at latency
    /// <paramref name="latency"/> (&gt;= 1: at 0 every heavy frame of a paced run is late).</summary>
    public static uint PeriodInstructions(TraceFile lockstep, int latency, double load = DefaultLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(load);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latency);
        IReadOnlyList<FrameRecord> frames = lockstep.Frames;
        if (frames.Count == 0 || frames.All(f => f.LightInstructions == 0))
        {
            throw new ArgumentException("the lockstep trace has no instruction counts", nameof(lockstep));
        }

        long harness = (long)HarnessInstructionsPerTraceByte * TraceFile.FrameBytes(lockstep.FrameSamples, lockstep.HandoffBytes);
        long[] light = frames.Select(f => f.LightInstructions + harness).ToArray();
        long[] heavy = frames.Select(f => f.Route == 1 ? (long)f.HeavyInstructions : 0).ToArray();
        long low = light.Max();               // the light core alone fills it: never enough
        long high = low + heavy.Sum() + 1;     // every heavy job done in the period it is published
        while (high - low > 1)
        {
            long mid = low + ((high - low) / 2);
            if (InTime(light, heavy, mid, latency))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        double period = Math.Ceiling(high * Headroom / load);
        return (uint)Math.Clamp(period, 1, uint.MaxValue);
    }

    // Whether every heavy job finishes before period f + latency starts (the light core runs first in each period
    // and assembles frame f right after publishing frame f + latency). After the clip come latency periods of
    // silence (light work like the clip's last frame, no heavy job).
    private static bool InTime(long[] light, long[] heavy, long period, int latency)
    {
        var left = (long[])heavy.Clone();
        int oldest = 0; // the oldest frame whose heavy job may be unfinished
        for (int g = 0; g < light.Length + latency; g++)
        {
            while (oldest < light.Length && oldest <= g && left[oldest] == 0)
            {
                oldest++;
            }

            if (oldest < light.Length && oldest <= g && oldest + latency <= g)
            {
                return false;
            }

            long supply = period - light[Math.Min(g, light.Length - 1)];
            for (int f = oldest; f <= Math.Min(g, light.Length - 1) && supply > 0; f++)
            {
                long done = Math.Min(supply, left[f]);
                left[f] -= done;
                supply -= done;
            }
        }

        return left.All(x => x == 0);
    }
}
