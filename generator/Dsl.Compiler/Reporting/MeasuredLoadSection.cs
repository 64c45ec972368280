using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Reporting;

/// <summary>The "Measured load per core" section <c>dslc bench</c> appends to its markdown: mean, p99 and worst frame
/// from the QEMU counts (the worst includes a replay burst when the audio has one).</summary>
public static class MeasuredLoadSection
{
    public static string ToMarkdown(IReadOnlyList<MeasuredCoreLoad> loads, double frameMs)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## Measured load per core");
        s.AppendLine();
        s.AppendLine(string.Create(c, $"Instructions per frame from the QEMU counts over every frame of the audio (heavy counts include replay), as % of the {frameMs:0.###} ms frame at the profile's clock, one instruction per cycle (docs/real-time-and-energy.md). Deadline: the worst frame within frame_budget_percent of the frame; on a two-core board the heavy core's output within the routed latency (K + 1 frames, K the replay frames), its measured work run as a queue. The emulated boards have no power figures, so no energy here (`generate --board` estimates it for boards that have them)."));
        s.AppendLine();
        s.AppendLine("| board | core | runs | clock MHz | frames | mean instr | p99 instr | worst instr | mean load | p99 load | worst load | deadline |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (MeasuredCoreLoad l in loads)
        {
            s.AppendLine(string.Create(c, $"| {l.Board} | {l.Core} | {l.Paths} | {l.ClockHz / 1e6:0.###} | {l.Frames} | {l.Mean:N0} | {l.P99:N0} | {l.Worst:N0} | {l.MeanPercent:F1}% | {l.P99Percent:F1}% | {l.WorstPercent:F1}% | {l.Verdict} |"));
        }

        return s.ToString();
    }
}
