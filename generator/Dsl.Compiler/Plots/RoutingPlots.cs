using System.Text;
using Dsl.Compiler.Reporting;

namespace Dsl.Compiler.Plots;

/// <summary>
/// The "Routing" section of report.md: writes the routing-over-time plot (the clip with the most route changes)
/// and the switch-score histogram into plots/ beside report.md and links them; without audio to route, says so.
/// </summary>
public static class RoutingPlots
{
    public const string Folder = "plots";
    public const string RoutingFile = "routing.svg";
    public const string ScoresFile = "switch-scores.svg";

    /// <summary>Writes the plots of <paramref name="trace"/> under <paramref name="reportFolder"/> and returns the
    /// section; <paramref name="skipped"/> says why there is no trace when it is null.</summary>
    public static string Write(RoutingTrace? trace, string reportFolder, string skipped)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## Routing");
        s.AppendLine();
        if (trace is null || trace.Frames == 0)
        {
            s.AppendLine($"No plots: {(trace is null ? skipped : $"{trace.What} holds no whole frame")}.");
            return s.ToString();
        }

        ClipRoute busiest = trace.Clips.Where(c => c.Frames.Count > 0).MaxBy(c => c.Transitions)!;
        RoutingPlot.Write(Path.Combine(reportFolder, Folder, RoutingFile), busiest, trace.Threshold, trace.SecondsPerFrame);
        int[] scores = trace.Clips.SelectMany(c => c.Frames).Select(f => f.SwitchScore).ToArray();
        SwitchScorePlot.Write(Path.Combine(reportFolder, Folder, ScoresFile), scores, trace.Threshold, trace.What);

        s.AppendLine($"Routed by the golden model's light path on {trace.What}. {busiest.Name}, the clip with the most route changes ({busiest.Transitions}): "
            + "heavy frames are shaded; look for heavy stretches that follow the loud or busy parts of the input, and for the replay bursts "
            + "(heavy calls at a restart) that each light-to-heavy change costs.");
        s.AppendLine();
        s.AppendLine($"![routing over time]({Folder}/{RoutingFile})");
        s.AppendLine();
        s.AppendLine($"Switch scores of all {trace.Frames} frames: a frame asks for the heavy path at or above the threshold ({trace.Threshold}); "
            + "a large pile close to the line means small changes of the threshold move many frames.");
        s.AppendLine();
        s.AppendLine($"![switch-score histogram]({Folder}/{ScoresFile})");
        return s.ToString();
    }
}
