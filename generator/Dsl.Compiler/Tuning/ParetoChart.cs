using Dsl.Compiler.Plots;

namespace Dsl.Compiler.Tuning;

/// <summary>pareto.svg: every swept point as routed SNR vs always-heavy against heavy-path instructions per second,
/// the front joined, dsl.json's current setting and the --budget choice marked. Points whose output equals
/// always-heavy (infinite SNR) have no place on the axis and are left out.</summary>
public static class ParetoChart
{
    public const string FileName = "pareto.svg";

    public static void Write(string path, TuneResult result, TunePoint? chosen)
    {
        ArgumentNullException.ThrowIfNull(result);
        static ParetoPlotPoint Of(TunePoint p, string? label) => new(p.Load.HeavyInstructionsPerSecond / 1e6, p.Quality.SnrVsHeavyDb, p.OnFront, label);
        var points = result.Points.Select(p => Of(p, null))
            .Append(Of(result.Current with { OnFront = false }, "current (dsl.json)"));
        if (chosen is not null)
        {
            points = points.Append(Of(chosen with { OnFront = false }, "chosen (--budget)"));
        }

        ParetoPlot.Write(path, points.Where(p => double.IsFinite(p.Y)).ToList(),
            "heavy-path instructions per second (millions)", "routed SNR vs always-heavy (dB)");
    }
}
