using Dsl.Compiler.Manifest;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Tests.Reporting;

/// <summary>The two-core heavy core's queue: hand-checked responses, and the resume bound against the queue
/// simulated on random routes.</summary>
public sealed class HeavyBacklogTests
{
    [Fact]
    public void A_burst_is_answered_when_its_last_call_ends_and_delays_the_frames_behind_it()
    {
        // Frame 0: a burst of 4 calls at 0.5 frames each ends at 2.0; frame 1 (1 call) waits for it, ends at 2.5.
        double worst = HeavyBacklog.WorstResponseFrames([new[] { 4, 1, 0, 0, 1 }], 0.5);
        Assert.Equal(2.0, worst, 12);
        // Frame 1 alone after a long idle stretch answers in one call.
        Assert.Equal(0.5, HeavyBacklog.WorstResponseFrames([new[] { 0, 1 }], 0.5), 12);
        // Each clip starts idle.
        Assert.Equal(2.0, HeavyBacklog.WorstResponseFrames([new[] { 4 }, new[] { 4 }], 0.5), 12);
    }

    [Fact]
    public void A_call_that_does_not_fit_a_frame_has_no_bound()
    {
        Assert.Null(HeavyBacklog.ResumeBoundFrames(15, 1.01));
        Assert.Equal(16 * 0.5, HeavyBacklog.ResumeBoundFrames(15, 0.5));
    }

    [Theory]
    [InlineData(1, 0, 0.9)]
    [InlineData(4, 2, 1.0)]
    [InlineData(15, 2, 0.7)]
    [InlineData(15, 0, 1.0)]
    public void With_resume_no_route_sequence_exceeds_the_bound(int replayFrames, int hold, double callFrames)
    {
        var random = new Random(replayFrames * 100 + hold);
        double bound = HeavyBacklog.ResumeBoundFrames(replayFrames, callFrames)!.Value;
        double worstSeen = 0;
        for (int clip = 0; clip < 300; clip++)
        {
            var router = new Router(hold, replayFrames, ReplayPolicy.Resume);
            double pTrigger = random.NextDouble();
            int[] calls = Enumerable.Range(0, 200).Select(_ =>
            {
                RouteStep r = router.Next(random.NextDouble() < pTrigger);
                return r.Heavy ? 1 + r.ReplayFrames : 0;
            }).ToArray();
            worstSeen = Math.Max(worstSeen, HeavyBacklog.WorstResponseFrames([calls], callFrames));
        }

        Assert.InRange(worstSeen, 0, bound + 1e-9);
        Assert.True(worstSeen > bound / 2, $"the random routes never came near the bound ({worstSeen} of {bound})"); // so the test can fail
    }

    [Fact]
    public void With_reset_a_route_sequence_can_exceed_the_resume_bound()
    {
        // heavy, light, heavy, ...: reset replays R after every one-frame light run.
        var router = new Router(0, 4, ReplayPolicy.Reset);
        int[] calls = Enumerable.Range(0, 60).Select(t =>
        {
            RouteStep r = router.Next(t % 2 == 0);
            return r.Heavy ? 1 + r.ReplayFrames : 0;
        }).ToArray();

        Assert.True(HeavyBacklog.WorstResponseFrames([calls], 0.9) > HeavyBacklog.ResumeBoundFrames(4, 0.9));
    }
}
