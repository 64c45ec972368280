using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Reporting;

/// <summary>The "Real time and energy" section of report.md for one board (report.json holds the same under real_time).</summary>
public static class RealTimeSection
{
    public static string ToMarkdown(RealTimeReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        void Line(FormattableString f) => s.AppendLine(f.ToString(c));
        s.AppendLine();
        Line($"## Real time and energy on {r.Board}");
        s.AppendLine();
        Line($"Frame period {r.FrameMs:0.###} ms (frame / sample rate); deadline {r.DeadlineMs:0.###} ms ({r.BudgetPercent}% of the frame, frame_budget_percent). Heavy path: {r.Routes.HeavyShare:P1} of frames, {r.Routes.RestartsPerFrame * 1000:0.#} restarts per 1000 frames, each replaying up to K = {r.ReplayFrames} frames (K = R, the heavy path's receptive field, unless dsl.json's replay_frames bounds it); {r.Routes.Source}.");
        Line($"Instructions are estimates from the per-kernel cost table (kernel-costs.json), not measurements on this board: figures per MAC, element or byte measured on the shipped model's layers, with no fixed cost per kernel call, so a model with small layers costs more than estimated (`dslc bench` on an emulated board of the same kernel variant measures it). Time assumes {RealTimeReport.CycleAssumption}.");
        if (r.ProvisionalOps.Count > 0)
        {
            s.AppendLine($"Priced with provisional figures (not measured yet; the loads are least sure there): {string.Join(", ", r.ProvisionalOps.Select(o => $"`{o}`"))}.");
        }

        s.AppendLine();
        s.AppendLine("| core | cpu @ clock | runs | kernel figures | light frame | steady heavy frame | worst frame (K + 1 heavy calls) | mean load | p99 load | worst load |");
        s.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (CoreLoad l in r.Cores)
        {
            string light = l.Paths == "heavy" ? "-" : l.LightFrame.ToString("N0", c);
            string steady = l.SteadyHeavyFrame is { } h ? h.ToString("N0", c) : "-";
            Line($"| {l.Core} | {l.Cpu} @ {l.ClockHz / 1e6:0.###} MHz | {l.Paths} | {l.Variant}, measured on {l.MeasuredOn} | {light} | {steady} | {l.WorstFrame:N0} | {l.MeanPercent:F1}% | {l.P99Percent:F1}% | {l.WorstPercent:F1}% |");
        }

        s.AppendLine();
        s.AppendLine("| path | core | steady frame | worst frame | deadline (cycles) | verdict | back on time after |");
        s.AppendLine("|---|---|---:|---:|---:|---|---:|");
        foreach (PathDeadline d in r.Deadlines)
        {
            Line($"| {d.Path} | {d.Core} | {100 * d.Steady / d.Budget:F1}% | {100 * d.Worst / d.Budget:F1}% | {d.Budget:N0} | {(d.Met ? d.Verdict : "**" + d.Verdict + "**")} | {(d.CatchUpFrames is { } k ? (k == 0 ? "-" : k.ToString(c) + " frame(s)") : "never")} |");
        }

        s.AppendLine();
        s.AppendLine("Steady and worst frame as % of the deadline. \"Back on time after\": frames until a path that overran in its worst frame has caught up, its overrun drained by the spare cycles of the steady frames that follow; its output is late meanwhile, if the application buffers that much.");
        foreach (PathDeadline d in r.Deadlines)
        {
            if (d.Latency is { } l)
            {
                s.AppendLine();
                Line($"Two cores: the {d.Path} output of a frame is due L = {l.Frames} frames after it (K + 1, the default `<M>_ROUTED_LATENCY_FRAMES`), so a replay burst spreads over the frames that follow it. Worst response {l.ResponseFrames:0.##} frames from a frame to its {d.Path} output ({l.Basis}): {(l.Met ? "within" : "**beyond**")} the latency.");
            }
        }
        s.AppendLine();
        if (r.Energy.Count == 0)
        {
            s.AppendLine("Energy: the board profile gives no power figures (`power:` per core), so no energy estimate.");
            return s.ToString();
        }

        s.AppendLine("Average power (mW; the energy per hour in mWh is the same number) per core: active power for the share of each frame the core computes (the mean load, at most 100 %), sleep power for the rest.");
        s.AppendLine();
        s.AppendLine("| core | light-only | routed | always-heavy | figures |");
        s.AppendLine("|---|---:|---:|---:|---|");
        foreach (CoreEnergy e in r.Energy)
        {
            Line($"| {e.Core} | {e.LightOnly:0.###} | {e.Routed:0.###} | {e.AlwaysHeavy:0.###} | {(e.Power.Estimate is null ? "typical, from the datasheet" : "estimate")}{(e.Saturated ? "; busy every frame in some mode: capped at the active power" : "")} |");
        }

        s.AppendLine();
        foreach (CoreEnergy e in r.Energy)
        {
            Line($"- {e.Core}: active {e.Power.ActiveMilliwatts:0.###} mW, sleep {e.Power.SleepMilliwatts:0.####} mW; covers {e.Power.Covers}; source: {e.Power.Source} ({e.Power.Status}).");
        }

        s.AppendLine();
        if (r.Total is { } t)
        {
            string Mode(double mw) => string.Create(c, $"{mw:0.###} mW ({mw:0.###} mWh per hour, {mw * 3.6:0.#} J)");
            s.AppendLine($"Total of the path cores: light-only {Mode(t.LightOnly)}, routed {Mode(t.Routed)}, always-heavy {Mode(t.AlwaysHeavy)}.");
            s.AppendLine(t.SavingPercent >= 0
                ? string.Create(c, $"The switch saves {t.SavingPercent:F1}% of the path cores' energy against always-heavy on this board.")
                : string.Create(c, $"The switch costs {-t.SavingPercent:F1}% more energy than always-heavy on this board (replay outweighs the frames it skips)."));
        }
        else
        {
            Line($"No total: core(s) {string.Join(", ", r.NoPowerFigures)} have no power figures in the profile.");
        }

        return s.ToString();
    }
}
