using Dsl.Compiler.Plots;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>The tuner's Pareto plot from synthetic points: the front joined in order of x, every other point a
/// marker where the axes put it, the chosen point labelled next to it; the same bytes for the same points.</summary>
public sealed class ParetoPlotTests
{
    private static readonly ParetoPlotPoint[] Points =
    [
        new(40, 30, OnFront: true, null),
        new(10, 12, OnFront: true, null),
        new(25, 24, OnFront: true, "chosen: threshold -91, hold 4"),
        new(70, 33, OnFront: true, null),
        new(30, 15, OnFront: false, null),
        new(55, 20, OnFront: false, null),
        new(65, 29, OnFront: false, null),
    ];

    [Fact]
    public void The_front_is_one_line_in_order_of_x_and_the_others_are_markers_where_the_axes_put_them()
    {
        SvgFile svg = Write(Points);
        var front = SvgFile.Points(svg.Stroked("polyline", PlotStyle.Light).MaxBy(p => SvgFile.Points(p).Count)!);
        ParetoPlotPoint[] onFront = Points.Where(p => p.OnFront).OrderBy(p => p.X).ToArray();
        Assert.Equal(onFront.Length, front.Count);

        // The first and last front points fix both axes.
        double bx = (front[^1].X - front[0].X) / (onFront[^1].X - onFront[0].X);
        double by = (front[^1].Y - front[0].Y) / (onFront[^1].Y - onFront[0].Y);
        (double X, double Y) Pixel(ParetoPlotPoint p) => (front[0].X + (bx * (p.X - onFront[0].X)), front[0].Y + (by * (p.Y - onFront[0].Y)));
        for (int i = 0; i < onFront.Length; i++)
        {
            Assert.Equal(Pixel(onFront[i]).X, front[i].X, 2);
            Assert.Equal(Pixel(onFront[i]).Y, front[i].Y, 2);
        }

        var markers = svg.Filled("ellipse", PlotStyle.Faint).Select(e => (X: SvgFile.Number(e, "cx"), Y: SvgFile.Number(e, "cy"))).ToList();
        foreach (ParetoPlotPoint p in Points.Where(p => !p.OnFront))
        {
            (double x, double y) = Pixel(p);
            Assert.Single(markers, m => Math.Abs(m.X - x) < 0.01 && Math.Abs(m.Y - y) < 0.01);
        }

        Assert.Contains("chosen: threshold -91, hold 4", svg.Texts);
        Assert.Contains("hand-made load", svg.Texts);
    }

    [Fact]
    public void The_same_points_give_the_same_bytes()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-plot-").FullName;
        ParetoPlot.Write(Path.Combine(dir, "a.svg"), Points, "hand-made load", "hand-made quality");
        ParetoPlot.Write(Path.Combine(dir, "b.svg"), Points.ToList(), "hand-made load", "hand-made quality");
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.svg")), File.ReadAllBytes(Path.Combine(dir, "b.svg")));
    }

    [Fact]
    public void No_points_still_writes_a_plot()
    {
        SvgFile svg = Write([]);
        Assert.Contains("hand-made quality against hand-made load", svg.Texts);
    }

    private static SvgFile Write(IReadOnlyList<ParetoPlotPoint> points)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dslc-plot-").FullName, "pareto.svg");
        ParetoPlot.Write(path, points, "hand-made load", "hand-made quality");
        return SvgFile.Load(path);
    }
}
