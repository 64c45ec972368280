using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Dsl.Compiler.Plots;

/// <summary>
/// The switch scores of every frame as a histogram, bins on each side of the threshold coloured by the route the
/// switch asks for (light below, heavy at or above; hold may keep the heavy path a few frames longer), the
/// threshold as a vertical line.
/// </summary>
public static class SwitchScorePlot
{
    /// <summary>At most this many bins: int8 scores get one bin per value unless they spread wider.</summary>
    public const int MaxBins = 64;

    /// <param name="what">Names the audio, for the title.</param>
    public static void Write(string path, IReadOnlyList<int> scores, int threshold, string what)
    {
        IReadOnlyList<ScoreBin> bins = Bins(scores, threshold);
        PlotModel model = PlotStyle.NewModel(string.Create(CultureInfo.InvariantCulture, $"Switch scores of {scores.Count} frames of {what}"));
        model.Legends.Add(PlotStyle.CornerLegend(LegendPosition.TopRight));
        double lo = bins.Count == 0 ? threshold - 1 : Math.Min(bins[0].Start, threshold);
        double hi = bins.Count == 0 ? threshold + 1 : Math.Max(bins[^1].End, threshold);
        double pad = Math.Max(1, (hi - lo) * 0.03);
        LinearAxis x = PlotStyle.Axis(AxisPosition.Bottom, "switch score (int8)");
        (x.Minimum, x.Maximum) = (lo - pad, hi + pad);
        model.Axes.Add(x);
        LinearAxis y = PlotStyle.Axis(AxisPosition.Left, "frames");
        (y.Minimum, y.MaximumPadding) = (0, 0.08);
        model.Axes.Add(y);
        long light = scores.Count(s => s < threshold);
        var lightBars = new HistogramSeries { Title = $"light side: score < {threshold} ({light} frames)", FillColor = PlotStyle.Light, StrokeThickness = 0 };
        var heavyBars = new HistogramSeries { Title = $"heavy side: score >= {threshold} ({scores.Count - light} frames)", FillColor = PlotStyle.Heavy, StrokeThickness = 0 };
        foreach (ScoreBin bin in bins)
        {
            (bin.Start >= threshold ? heavyBars : lightBars).Items.Add(new HistogramItem(bin.Start, bin.End, bin.Count * (bin.End - bin.Start), bin.Count));
        }

        model.Series.Add(lightBars);
        model.Series.Add(heavyBars);
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical, X = threshold, Color = PlotStyle.Threshold, StrokeThickness = 2, LineStyle = LineStyle.Dash,
            Text = $"threshold {threshold}", TextColor = PlotStyle.Threshold,
        });
        PlotStyle.WriteSvg(model, path);
    }

    /// <summary>The non-empty bins: width w (1 unless the scores spread over more than <see cref="MaxBins"/> values),
    /// edges at threshold + k·w so no bin straddles the threshold; bin [s, s + w) holds the integer scores s..s+w-1.</summary>
    public static IReadOnlyList<ScoreBin> Bins(IReadOnlyList<int> scores, int threshold)
    {
        if (scores.Count == 0)
        {
            return [];
        }

        int width = Math.Max(1, (int)Math.Ceiling((scores.Max() - scores.Min() + 1) / (double)MaxBins));
        return scores.GroupBy(s => threshold + (width * (int)Math.Floor((s - threshold) / (double)width)))
            .OrderBy(g => g.Key)
            .Select(g => new ScoreBin(g.Key, g.Key + width, g.Count()))
            .ToList();
    }
}
