using System.Globalization;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Precision;

namespace Dsl.Compiler.Reporting;

/// <summary>
/// Real time and energy of a model on one board (docs/real-time-and-energy.md): per path core at the board's clock,
/// estimated instructions per frame (per-kernel figures, <see cref="KernelCostTable"/>), mean / p99 / worst-frame load,
/// the deadline verdict of each path and, where the profile gives power figures, average power for light-only,
/// routed and always-heavy operation.
/// </summary>
/// <param name="Board">Board name.</param>
/// <param name="FrameMs">Frame period: frame / sample rate.</param>
/// <param name="DeadlineMs">The frame deadline: FrameMs x frame_budget_percent.</param>
/// <param name="BudgetPercent">The board's frame_budget_percent.</param>
/// <param name="ReplayFrames">K: frames the heavy path replays at most when it restarts (worst frame = K + 1 calls; R unless bounded).</param>
/// <param name="Routes">How often the heavy path runs (measured or assumed).</param>
/// <param name="Cores">Each path core, light core first.</param>
/// <param name="Deadlines">The light path's verdict, then the heavy path's.</param>
/// <param name="Energy">Cores with power figures.</param>
/// <param name="NoPowerFigures">Path cores whose profile gives no power figures.</param>
/// <param name="Total">All path cores together; null when a path core lacks power figures.</param>
public sealed record RealTimeReport(
    string Board,
    double FrameMs,
    double DeadlineMs,
    int BudgetPercent,
    int ReplayFrames,
    RouteProfile Routes,
    IReadOnlyList<CoreLoad> Cores,
    IReadOnlyList<PathDeadline> Deadlines,
    IReadOnlyList<CoreEnergy> Energy,
    IReadOnlyList<string> NoPowerFigures,
    EnergyTotals? Total)
{
    /// <summary>Ops of the model whose cost-table figure is provisional or a fallback (not measured): the estimate
    /// is least sure there (<see cref="CandidateCost.UnmeasuredOps"/>).</summary>
    public IReadOnlyList<string> ProvisionalOps { get; init; } = [];

    /// <summary>How instructions become time: stated in the report, and the only conversion used.</summary>
    public const string CycleAssumption =
        "one instruction per core cycle at the profile's clock_hz: no per-core-class factor is applied (none is sourced); " +
        "flash wait states and bus stalls make real cycles more, the Cortex-M7's dual issue can make them fewer";

    /// <summary>The deadlines a path misses.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<PathDeadline> Misses => Deadlines.Where(d => !d.Met);

    /// <param name="instructions">Per-variant light frame and heavy call (<see cref="CandidateCost.Of"/>).</param>
    /// <param name="replay">The replay policy: with resume the two-core heavy latency is proven, else measured.</param>
    public static RealTimeReport Build(BoardProfile board, IReadOnlyList<VariantInstructions> instructions, RouteProfile routes,
        int sampleRate, int frameSamples, int replayFrames, ReplayPolicy replay = ReplayPolicy.Resume)
    {
        ArgumentNullException.ThrowIfNull(board);
        double frameSeconds = (double)frameSamples / sampleRate;
        double budgetShare = board.FrameBudgetPercent / 100.0;
        var cores = new List<CoreLoad>();
        var deadlines = new List<PathDeadline>();
        var energy = new List<CoreEnergy>();
        var noPower = new List<string>();
        var path = board.IsSingleCore ? new[] { board.Light } : new[] { board.Light, board.Heavy };
        int p99Calls = routes.CallsAtPercentile(99);
        foreach (CoreProfile core in path)
        {
            bool light = core.Id == board.LightCore, heavy = core.Id == board.HeavyCore;
            VariantInstructions v = instructions.First(i => i.Variant == EmulatedCoreClass.Name(core.KernelVariant));
            double l = light ? v.Light : 0, h = heavy ? v.Heavy : 0;
            double cycles = core.ClockHz * frameSeconds;
            double worst = l + ((replayFrames + 1) * h);
            double Percent(double instr) => 100 * instr / cycles;
            cores.Add(new CoreLoad(core.Id, core.Cpu, core.ClockHz, light && heavy ? "light + heavy" : light ? "light" : "heavy",
                EmulatedCoreClass.Name(core.KernelVariant), EmulatedCoreClass.Of(core.KernelVariant), l, heavy ? l + h : null, worst, cycles,
                Percent(l + (routes.MeanCalls * h)), Percent(l + (p99Calls * h)), Percent(worst)));

            if (core.Power is { } power)
            {
                double Mw(double instr)
                {
                    double busy = Math.Min(1, instr / cycles);
                    return (busy * power.ActiveMilliwatts) + ((1 - busy) * power.SleepMilliwatts);
                }

                double routed = l + (routes.MeanCalls * h);
                energy.Add(new CoreEnergy(core.Id, Mw(l), Mw(routed), Mw(l + h), Math.Max(routed, l + h) >= cycles, power));
            }
            else
            {
                noPower.Add(core.Id);
            }
        }

        double Budget(CoreProfile c) => c.ClockHz * frameSeconds * budgetShare;
        CoreLoad lightCore = cores.First(c => c.Core == board.LightCore), heavyCore = cores.First(c => c.Core == board.HeavyCore);
        deadlines.Add(new PathDeadline("light", board.LightCore, lightCore.LightFrame, lightCore.LightFrame, Budget(board.Light)));
        var heavyDeadline = new PathDeadline("heavy", board.HeavyCore, heavyCore.SteadyHeavyFrame!.Value, heavyCore.WorstFrame, Budget(board.Heavy));
        deadlines.Add(board.IsSingleCore ? heavyDeadline
            : heavyDeadline with { Latency = TwoCoreLatency(routes, replayFrames, replay, heavyCore.SteadyHeavyFrame.Value / heavyDeadline.Budget) });

        EnergyTotals? total = noPower.Count > 0 ? null
            : new EnergyTotals(energy.Sum(e => e.LightOnly), energy.Sum(e => e.Routed), energy.Sum(e => e.AlwaysHeavy));
        return new RealTimeReport(board.Name, 1000 * frameSeconds, 1000 * frameSeconds * budgetShare, board.FrameBudgetPercent, replayFrames, routes,
            cores, deadlines, energy, noPower, total);
    }

    /// <summary>The two-core heavy path's response against the routed latency K + 1: the bound with resume, else the
    /// queue simulated on the measured routes (or one isolated burst when the routes are assumed).</summary>
    private static HeavyLatency TwoCoreLatency(RouteProfile routes, int replayFrames, ReplayPolicy replay, double callFrames)
    {
        int latency = replayFrames + 1;
        if (replay == ReplayPolicy.Resume && HeavyBacklog.ResumeBoundFrames(replayFrames, callFrames) is { } bound)
        {
            return new HeavyLatency(latency, bound, true, "a bound for any input with replay \"resume\"");
        }

        return routes.CallsPerFrame.Count > 0
            ? new HeavyLatency(latency, HeavyBacklog.WorstResponseFrames(routes.CallsPerFrame, callFrames), false,
                string.Create(CultureInfo.InvariantCulture, $"the heavy core's queue simulated on the {routes.Frames} routed frames, not a bound for other input"))
            : new HeavyLatency(latency, (replayFrames + 1) * callFrames, false, "one isolated replay burst of the assumed routing");
    }
}
