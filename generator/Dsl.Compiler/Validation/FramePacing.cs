namespace Dsl.Compiler.Validation;

/// <summary>
/// The frame period of the paced two-core run (the light core publishes a frame every period and never waits for
/// the heavy core). Under QEMU -icount both cores share one virtual clock, so a period must hold the light core's
/// frame and the heavy core's together: from the lockstep run's per-core counts, the largest light frame plus the
/// largest heavy run of one frame (a restart's count divided by its replayed frames + 1), with a quarter headroom,
/// plus the harness's own per-frame work on the light core (trace records). With that period a heavy core that
/// restarts catches up within the default latency (REPLAY_FRAMES + 1 frames), so no frame is late.
/// </summary>
public static class FramePacing
{
    /// <summary>The default load: the period above.</summary>
    public const double DefaultLoad = 1.0;

    /// <summary>Instructions the harness spends per trace byte it writes (record packing), generously.</summary>
    private const int HarnessInstructionsPerTraceByte = 16;

    /// <summary>The period in virtual-clock instructions for <paramref name="load"/> times the default work
    /// (load &gt; 1: frames come faster than the cores can keep up with: an overload).</summary>
    public static uint PeriodInstructions(TraceFile lockstep, double load = DefaultLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(load);
        IReadOnlyList<FrameRecord> frames = lockstep.Frames;
        if (frames.Count == 0 || frames.All(f => f.LightInstructions == 0))
        {
            throw new ArgumentException("the lockstep trace has no instruction counts", nameof(lockstep));
        }

        double light = frames.Max(f => (double)f.LightInstructions);
        double heavy = frames.Where(f => f.Route == 1).Select(f => (double)f.HeavyInstructions / (1 + f.ReplayFrames)).DefaultIfEmpty(0).Max();
        double harness = (double)HarnessInstructionsPerTraceByte * TraceFile.FrameBytes(lockstep.FrameSamples, lockstep.HandoffBytes);
        double period = ((1.25 * (light + heavy)) + harness) / load;
        return (uint)Math.Clamp(Math.Ceiling(period), 1, uint.MaxValue);
    }
}
