using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The paced two-core run's frame period from the lockstep counts: the smallest period at which every heavy job,
/// queued on the heavy core, is done before its frame is assembled L frames later, times the headroom. Restarts
/// close together need a longer period than one restart with the same mean load; a longer latency a shorter one;
/// the load divides it.
/// </summary>
public sealed class FramePacingTests
{
    private const int FrameSamples = 3;
    private const int HandoffBytes = 2;

    private static readonly long Harness = (long)FramePacing.HarnessInstructionsPerTraceByte * TraceFile.FrameBytes(FrameSamples, HandoffBytes);

    private static FrameRecord Frame(uint light, uint heavy) =>
        FrameRecord.Routed(heavy > 0 ? 1 : 0, 0, 0, light, heavy, [0, 0, 0], [0, 0], [0, 0, 0]);

    private static TraceFile Trace(params FrameRecord[] frames) => new(FrameSamples, HandoffBytes, frames);

    private static uint Expected(long smallest) => (uint)Math.Ceiling(smallest * FramePacing.Headroom);

    [Fact]
    public void One_restart_is_spread_over_the_latency()
    {
        // a 12,000-instruction restart at frame 0, light frames of 1,000 after it: with latency 3 the heavy core has
        // three periods' rest (period - light) for it
        TraceFile trace = Trace(Frame(1000, 12_000), Frame(1000, 0), Frame(1000, 0), Frame(1000, 0), Frame(1000, 0));
        long light = 1000 + Harness;
        Assert.Equal(Expected(light + 4000), FramePacing.PeriodInstructions(trace, 3));
        Assert.Equal(Expected(light + 12_000), FramePacing.PeriodInstructions(trace, 1));
        Assert.Equal((uint)Math.Ceiling((light + 4000) * FramePacing.Headroom / 4), FramePacing.PeriodInstructions(trace, 3, load: 4));
    }

    [Fact]
    public void Restarts_close_together_need_more_than_the_mean()
    {
        // the same 24,000 heavy instructions in six frames: apart, each restart has its latency; back to back, the
        // second waits for the first
        TraceFile apart = Trace(Frame(1000, 12_000), Frame(1000, 0), Frame(1000, 0), Frame(1000, 12_000), Frame(1000, 0), Frame(1000, 0));
        TraceFile together = Trace(Frame(1000, 12_000), Frame(1000, 12_000), Frame(1000, 0), Frame(1000, 0), Frame(1000, 0), Frame(1000, 0));
        long light = 1000 + Harness;
        Assert.Equal(Expected(light + 4000), FramePacing.PeriodInstructions(apart, 3));
        Assert.Equal(Expected(light + 6000), FramePacing.PeriodInstructions(together, 3)); // 24,000 within 4 periods
    }

    [Fact]
    public void A_trace_without_counts_or_latency_zero_has_no_period()
    {
        Assert.Throws<ArgumentException>(() => FramePacing.PeriodInstructions(Trace(Frame(0, 0)), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => FramePacing.PeriodInstructions(Trace(Frame(1000, 0)), 0));
    }
}
