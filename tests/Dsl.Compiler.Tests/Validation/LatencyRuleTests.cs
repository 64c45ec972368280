using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The two-core comparison under the latency rule: a heavy frame the firmware reports late must hold the light
/// output as its routed output and no heavy output; every other frame the golden model's. A trace that hides a
/// late frame, falls back without saying so, or reports a source its route cannot have is not bit-exact. And
/// the routing log the harness writes reads back, with a count that disagrees with its frames refused.
/// </summary>
public sealed class LatencyRuleTests
{
    private static IReadOnlyList<FrameRecord> Golden() =>
    [
        FrameRecord.Routed(0, 0, -5, 100, 0, [1, -2, 3], [7, -8], [0, 0, 0]),
        FrameRecord.Routed(1, 2, 90, 120, 900, [10, 11, 12], [-128, 127], [4, 5, -6]),
        FrameRecord.Routed(1, 0, 80, 120, 300, [9, 9, 9], [1, 1], [7, 8, 9]),
    ];

    private static RoutingLog Log(params RoutedSource[] sources) =>
        new(3, 1000, sources, (uint)sources.Count(s => s == RoutedSource.Late), 0, 0);

    // What the two-core harness records for frame 1 when it was late: no heavy output, the light output routed.
    private static IReadOnlyList<FrameRecord> CWithFrame1Late()
    {
        var c = Golden().ToList();
        c[1] = c[1] with { HeavyOut = [0, 0, 0], Process = c[1].Process with { Out = [10, 11, 12] } };
        return c;
    }

    [Fact]
    public void A_late_heavy_frame_falling_back_to_its_light_output_is_bit_exact()
    {
        TraceComparison r = LatencyRule.Compare(Golden(), CWithFrame1Late(), Log(RoutedSource.Light, RoutedSource.Late, RoutedSource.Heavy), "clip");
        Assert.True(r.BitExact, r.FirstDifference);
        Assert.True(LatencyRule.Compare(Golden(), Golden(), Log(RoutedSource.Light, RoutedSource.Heavy, RoutedSource.Heavy), "clip").BitExact);
    }

    [Fact]
    public void A_fallback_not_reported_late_or_a_late_frame_with_the_heavy_output_differs()
    {
        TraceComparison hidden = LatencyRule.Compare(Golden(), CWithFrame1Late(), Log(RoutedSource.Light, RoutedSource.Heavy, RoutedSource.Heavy), "clip");
        Assert.False(hidden.BitExact);
        Assert.Equal("clip: frame 1: heavy_out sample 0 is 0 (golden 4)", hidden.FirstDifference);

        TraceComparison claimed = LatencyRule.Compare(Golden(), Golden(), Log(RoutedSource.Light, RoutedSource.Late, RoutedSource.Heavy), "clip");
        Assert.False(claimed.BitExact);
        Assert.Equal("clip: frame 1: heavy_out sample 0 is 4 (golden 0)", claimed.FirstDifference);
    }

    [Theory]
    [InlineData(RoutedSource.Late, RoutedSource.Heavy, RoutedSource.Heavy, "frame 0: routed source Late for a light frame")]
    [InlineData(RoutedSource.Light, RoutedSource.Light, RoutedSource.Heavy, "frame 1: routed source Light for a heavy frame")]
    public void A_source_the_route_cannot_have_is_reported(RoutedSource s0, RoutedSource s1, RoutedSource s2, string expected)
    {
        TraceComparison r = LatencyRule.Compare(Golden(), Golden(), Log(s0, s1, s2), "clip");
        Assert.False(r.BitExact);
        Assert.StartsWith("clip: " + expected, r.FirstDifference);
    }

    [Fact]
    public void A_routing_log_of_another_length_is_reported()
    {
        Assert.Equal("the routing log has 2 frames, the golden model 3", LatencyRule.Inconsistency(Golden(), [RoutedSource.Light, RoutedSource.Heavy]));
        Assert.False(LatencyRule.Compare(Golden(), Golden(), Log(RoutedSource.Light, RoutedSource.Heavy), "clip").BitExact);
    }

    [Fact]
    public void The_routing_log_reads_back_and_a_wrong_count_is_refused()
    {
        var log = new RoutingLog(4, 135_620, [RoutedSource.Light, RoutedSource.Late, RoutedSource.Heavy], 1, 2, 3);
        RoutingLog back = RoutingLog.Parse(log.ToBytes(), "x.routing");
        Assert.Equal(log.Latency, back.Latency);
        Assert.Equal(log.PeriodInstructions, back.PeriodInstructions);
        Assert.Equal(log.Sources, back.Sources);
        Assert.Equal((1u, 2u, 3u), (back.Late, back.Lost, back.Overruns));
        Assert.True(back.Paced);

        byte[] wrongLate = (log with { Late = 0 }).ToBytes();
        Assert.Equal(DslErrorCode.Io, Assert.Throws<DslException>(() => RoutingLog.Parse(wrongLate, "x.routing")).Code);
        byte[] truncated = log.ToBytes()[..^1];
        Assert.Contains("x.routing", Assert.Throws<DslException>(() => RoutingLog.Parse(truncated, "x.routing")).Message);
        byte[] badSource = log.ToBytes();
        badSource[16] = 0;
        Assert.Contains("frame 0: routed source 0", Assert.Throws<DslException>(() => RoutingLog.Parse(badSource, "x.routing")).Message);
    }

    [Fact]
    public void Late_lost_or_overrun_frames_fail_a_two_core_clip()
    {
        var ok = new TraceComparison(true, 3, 2, 2, null);
        RoutingLog none = Log(RoutedSource.Light, RoutedSource.Heavy, RoutedSource.Heavy);
        Assert.Null(new ClipValidation("c.wav", ok, Golden(), new TwoCoreClip(none, none, ok)).Failure);
        var late = new ClipValidation("c.wav", ok, Golden(), new TwoCoreClip(none, Log(RoutedSource.Light, RoutedSource.Late, RoutedSource.Heavy), ok));
        Assert.StartsWith("paced (a frame every ", late.Failure);
        Assert.EndsWith(" run at latency 3: 1 late, 0 lost, 0 overrun frames (expected none)", late.Failure);
        Assert.False(ValidationVerdict.Of([late]).BitExact);
        var lost = new ClipValidation("c.wav", ok, Golden(), new TwoCoreClip(none with { Lost = 1 }, null, null));
        Assert.StartsWith("lockstep run at latency 3: 0 late, 1 lost", lost.Failure);
    }
}
