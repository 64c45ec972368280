using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Tests.Routing;

/// <summary>
/// report.md's "Heavy compute against always-heavy": resume states the guarantee and measures at most one heavy call
/// per frame; reset on a route sequence with light runs shorter than K costs more than always-heavy and warns, naming
/// the measured ratio and pointing to "resume"; on a sequence with long heavy runs it does not warn.
/// </summary>
public sealed class HeavyCostGuaranteeTests
{
    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private static RouteProfile Profile(ReplayPolicy policy, int hold, int k, IEnumerable<bool> triggers)
    {
        var router = new Router(hold, k, policy);
        return RouteProfile.Of(triggers.Select(router.Next).ToList(), "a test sequence");
    }

    /// <summary>Heavy one frame, light the next (hold 0), 200 frames.</summary>
    private static bool[] Flicker => Enumerable.Range(0, 200).Select(f => f % 2 == 0).ToArray();

    [Fact]
    public void Reset_on_short_light_runs_costs_more_than_always_heavy_and_warns_naming_the_ratio_and_resume()
    {
        var program = Tiny.Value.Program with { Replay = ReplayPolicy.Reset, HoldFrames = 0 };
        int k = program.ReplayFrames;
        Assert.True(k >= 2, "a replay of at least 2 frames makes a one-frame light run cost more");
        RouteProfile routes = Profile(ReplayPolicy.Reset, 0, k, Flicker);
        var g = HeavyCostGuarantee.Of(program, routes);
        Assert.True(g.MeasuredRatio > 1, $"ratio {g.MeasuredRatio}");
        string warning = Assert.IsType<string>(g.Warning);
        Assert.Contains($"{g.MeasuredRatio:F3}x", warning);
        Assert.Contains("\"replay\": \"resume\"", warning);
        string md = g.ToMarkdown();
        Assert.Contains("**Warning:** " + warning, md);
        Assert.Contains("Replay \"reset\"", md);
    }

    [Fact]
    public void Resume_on_the_same_sequence_stays_below_always_heavy_and_states_the_guarantee()
    {
        var program = Tiny.Value.Program with { HoldFrames = 0 };
        RouteProfile routes = Profile(ReplayPolicy.Resume, 0, program.ReplayFrames, Flicker);
        var g = HeavyCostGuarantee.Of(program, routes);
        Assert.InRange(g.MeasuredRatio!.Value, 0, 1);
        Assert.Null(g.Warning);
        string md = g.ToMarkdown();
        Assert.Contains("never costs more heavy compute than always-heavy", md);
        Assert.DoesNotContain("Warning", md);
    }

    [Fact]
    public void Reset_with_long_heavy_runs_does_not_warn_and_bounded_replay_is_stated()
    {
        var program = Tiny.Value.Program with { Replay = ReplayPolicy.Reset, HoldFrames = 0, ReplayFrames = 1 };
        bool[] runs = Enumerable.Range(0, 200).Select(f => f % 40 < 30).ToArray();
        var g = HeavyCostGuarantee.Of(program, Profile(ReplayPolicy.Reset, 0, 1, runs));
        Assert.True(g.MeasuredRatio <= 1);
        Assert.Null(g.Warning);
        Assert.Contains($"Bounded replay K = 1 < R = {program.ReceptiveFrames}", g.ToMarkdown());
        Assert.Contains("Not measured", HeavyCostGuarantee.Of(program, null).ToMarkdown());
    }
}
