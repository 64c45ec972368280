using Dsl.Compiler.Plots;
using Dsl.Compiler.Reporting;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>The routing-over-time plot drawn from a hand-made clip: one shaded band per run of heavy frames in each
/// pane, as wide as the run; a burst marker at each restart, as high as its heavy calls; the threshold line at the
/// threshold of the score axis; the same bytes for the same data.</summary>
public sealed class RoutingPlotTests
{
    private const double SecondsPerFrame = 0.02;
    private const int Threshold = -20;

    // Light, heavy (restart with 3 replayed frames), ..., heavy runs of 3, 1 and 2 frames.
    private static readonly ClipRoute Clip = new("hand.wav",
    [
        Light(-60, -100), Light(-55, -90),
        Restart(4, -10, -20), Heavy(0, -25), Heavy(10, -18),
        Light(-40, -70),
        Restart(2, 5, -12),
        Light(double.NegativeInfinity, -128), Light(-80, -110),
        Restart(3, 40, -6), Heavy(20, -3),
        Light(-70, -60),
    ]);

    [Fact]
    public void Each_heavy_run_is_one_band_per_pane_as_wide_as_the_run()
    {
        SvgFile svg = Write(Clip);

        List<XBand> bands = svg.Filled("rect", PlotStyle.HeavyShade).Select(r => new XBand(SvgFile.Number(r, "x"), SvgFile.Number(r, "width"), SvgFile.Number(r, "y")))
            .Where(b => b.Width > 0).ToList();
        IReadOnlyList<(int First, int End)> runs = RoutingPlot.HeavySegments(Clip.Frames);
        Assert.Equal([(2, 5), (6, 7), (9, 11)], runs);
        Assert.Equal(2 * runs.Count, bands.Count);
        foreach (IGrouping<double, XBand> pane in bands.GroupBy(b => b.Y))
        {
            XBand[] ordered = pane.OrderBy(b => b.X).ToArray();
            Assert.Equal(runs.Count, ordered.Length);
            double pixelsPerFrame = ordered[0].Width / 3;
            Assert.Equal(1 * pixelsPerFrame, ordered[1].Width, 3);
            Assert.Equal(2 * pixelsPerFrame, ordered[2].Width, 3);
            Assert.Equal(4 * pixelsPerFrame, ordered[1].X - ordered[0].X, 3);
        }
    }

    [Fact]
    public void A_burst_marker_stands_at_each_restart_as_high_as_its_heavy_calls()
    {
        SvgFile svg = Write(Clip);
        double[] bandStarts = svg.Filled("rect", PlotStyle.HeavyShade).Select(r => SvgFile.Number(r, "x")).Distinct().Order().ToArray();
        var markers = svg.Filled("ellipse", PlotStyle.Heavy).Select(e => (X: SvgFile.Number(e, "cx"), Y: SvgFile.Number(e, "cy"))).ToList();

        // One marker at the start of each heavy run, none on the heavy frames that only continue a run.
        double[] y = bandStarts.Select(x => markers.Single(m => Math.Abs(m.X - x) < 0.01).Y).ToArray();
        double pixelsPerFrame = (bandStarts[1] - bandStarts[0]) / 4; // runs start at frames 2 and 6
        foreach (int frame in new[] { 3, 4, 10 })
        {
            double x = bandStarts[0] + ((frame - 2) * pixelsPerFrame);
            Assert.DoesNotContain(markers, m => Math.Abs(m.X - x) < 0.01);
        }

        Assert.Equal(3, y.Length);
        // Calls 4, 2 and 3 on a linear axis (SVG y grows downwards).
        Assert.Equal(y[1] - y[0], 2 * (y[1] - y[2]), 3);
        Assert.True(y[0] < y[2] && y[2] < y[1]);
    }

    [Fact]
    public void The_threshold_line_is_at_the_threshold_on_the_score_axis()
    {
        SvgFile svg = Write(Clip);
        var scoreLine = SvgFile.Points(svg.Stroked("polyline", PlotStyle.Light).MaxBy(p => SvgFile.Points(p).Count)!);
        Assert.Equal(2 * Clip.Frames.Count, scoreLine.Count); // each frame a step: start and end

        // Two frames' scores fix the axis (pixel = a + b * score); the threshold line must sit where it maps.
        (int s0, int s1) = (Clip.Frames[0].SwitchScore, Clip.Frames[9].SwitchScore);
        (double y0, double y1) = (scoreLine[0].Y, scoreLine[18].Y);
        double b = (y1 - y0) / (s1 - s0);
        double expected = y0 + (b * (Threshold - s0));
        var line = SvgFile.Points(Assert.Single(svg.Stroked("polyline", PlotStyle.Threshold)));
        Assert.Equal(2, line.Count);
        Assert.Equal(expected, line[0].Y, 2);
        Assert.Equal(expected, line[1].Y, 2);
        Assert.Contains($"threshold {Threshold}", svg.Texts);
    }

    [Fact]
    public void The_same_clip_gives_the_same_bytes()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-plot-").FullName;
        RoutingPlot.Write(Path.Combine(dir, "a.svg"), Clip, Threshold, SecondsPerFrame);
        RoutingPlot.Write(Path.Combine(dir, "b.svg"), Clip with { Frames = Clip.Frames.ToList() }, Threshold, SecondsPerFrame);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.svg")), File.ReadAllBytes(Path.Combine(dir, "b.svg")));
    }

    [Fact]
    public void A_clip_with_silence_and_no_heavy_frame_still_draws()
    {
        var quiet = new ClipRoute("silence.wav", Enumerable.Range(0, 5).Select(_ => Light(double.NegativeInfinity, -128)).ToList());
        SvgFile svg = Write(quiet);
        Assert.Empty(svg.Filled("rect", PlotStyle.HeavyShade));
        Assert.Contains(svg.Texts, t => t.Contains("silence.wav") && t.Contains("0 route changes"));
    }

    private static SvgFile Write(ClipRoute clip)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dslc-plot-").FullName, "routing.svg");
        RoutingPlot.Write(path, clip, Threshold, SecondsPerFrame);
        return SvgFile.Load(path);
    }

    private static FrameRoute Light(double dbfs, int score) => new(false, false, 0, score, dbfs);

    private static FrameRoute Heavy(int score, double dbfs) => new(true, false, 1, score, dbfs);

    private static FrameRoute Restart(int calls, int score, double dbfs) => new(true, true, calls, score, dbfs);

    private readonly record struct XBand(double X, double Width, double Y);
}
