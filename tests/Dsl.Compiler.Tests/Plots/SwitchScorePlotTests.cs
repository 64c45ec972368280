using System.Xml.Linq;
using Dsl.Compiler.Plots;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>The switch-score histogram: one bar per occupied bin, light below the threshold and heavy at or above it,
/// each as high as its count; the threshold line where the axis puts the threshold; bins never straddle it.</summary>
public sealed class SwitchScorePlotTests
{
    private const int Threshold = 3;

    // Scores -4..9 with counts that differ per value; -1 and 6 left empty.
    private static readonly int[] Scores = Enumerable.Range(-4, 14).Where(v => v is not -1 and not 6)
        .SelectMany(v => Enumerable.Repeat(v, 1 + ((v * 7) & 5))).ToArray();

    [Fact]
    public void One_bar_per_occupied_score_coloured_by_side_as_high_as_its_count()
    {
        SvgFile svg = Write(Scores);
        List<Bar> light = Bars(svg, PlotStyle.Light), heavy = Bars(svg, PlotStyle.Heavy);

        Assert.Equal(Scores.Where(s => s < Threshold).Distinct().Count(), light.Count);
        Assert.Equal(Scores.Where(s => s >= Threshold).Distinct().Count(), heavy.Count);
        var bars = light.Concat(heavy).OrderBy(b => b.X).ToList();
        int[] counts = Scores.GroupBy(s => s).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        double pixelsPerFrame = bars[0].Height / counts[0];
        Assert.All(bars.Zip(counts), p => Assert.Equal(p.Second * pixelsPerFrame, p.First.Height, 2));
    }

    [Fact]
    public void The_threshold_line_is_at_the_threshold()
    {
        SvgFile svg = Write(Scores);
        var bars = Bars(svg, PlotStyle.Light).Concat(Bars(svg, PlotStyle.Heavy)).OrderBy(b => b.X).ToList();
        int[] values = Scores.Distinct().Order().ToArray();
        // Bar i spans [values[i], values[i] + 1): its left edge maps values[i].
        double b = (bars[^1].X - bars[0].X) / (values[^1] - values[0]);
        double expected = bars[0].X + (b * (Threshold - values[0]));
        var line = SvgFile.Points(Assert.Single(svg.Stroked("polyline", PlotStyle.Threshold)));
        Assert.Equal(expected, line[0].X, 2);
        Assert.Equal(expected, line[1].X, 2);
    }

    [Fact]
    public void Wide_scores_get_at_most_max_bins_with_an_edge_at_the_threshold()
    {
        int[] wide = Enumerable.Range(-128, 256).ToArray();
        IReadOnlyList<ScoreBin> bins = SwitchScorePlot.Bins(wide, threshold: -91);
        Assert.InRange(bins.Count, SwitchScorePlot.MaxBins / 2, SwitchScorePlot.MaxBins + 1);
        Assert.Contains(bins, b => b.Start == -91);
        Assert.All(bins, b => Assert.False(b.Start < -91 && b.End > -91));
        Assert.Equal(wide.Length, bins.Sum(b => b.Count));
        Assert.Equal(Scores.Distinct().Count(), SwitchScorePlot.Bins(Scores, Threshold).Count);
    }

    [Fact]
    public void The_same_scores_give_the_same_bytes()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-plot-").FullName;
        SwitchScorePlot.Write(Path.Combine(dir, "a.svg"), Scores, Threshold, "hand-made scores");
        SwitchScorePlot.Write(Path.Combine(dir, "b.svg"), Scores.ToArray(), Threshold, "hand-made scores");
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.svg")), File.ReadAllBytes(Path.Combine(dir, "b.svg")));
    }

    private static SvgFile Write(int[] scores)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dslc-plot-").FullName, "scores.svg");
        SwitchScorePlot.Write(path, scores, Threshold, "hand-made scores");
        return SvgFile.Load(path);
    }

    /// <summary>The bars of one colour: the rects standing on the axis (the legend's swatch does not).</summary>
    private static List<Bar> Bars(SvgFile svg, OxyPlot.OxyColor color)
    {
        var rects = svg.Filled("rect", color).Select(Of).ToList();
        double baseline = rects.Max(r => r.Bottom);
        return rects.Where(r => Math.Abs(r.Bottom - baseline) < 0.01).ToList();
    }

    private static Bar Of(XElement r) => new(SvgFile.Number(r, "x"), SvgFile.Number(r, "height"), SvgFile.Number(r, "y") + SvgFile.Number(r, "height"));

    private readonly record struct Bar(double X, double Height, double Bottom);
}
