using System.Globalization;
using Dsl.Compiler.Reporting;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Dsl.Compiler.Plots;

/// <summary>
/// Routing over time for one clip: above, the input level with the heavy frames shaded and each restart's heavy
/// calls (the replay burst) on a second axis; below, the switch score against the threshold, heavy frames shaded too.
/// </summary>
public static class RoutingPlot
{
    /// <summary>Levels below this (digital silence is -infinity) are drawn at it.</summary>
    public const double FloorDbfs = -100;

    private const string LevelAxis = "level";
    private const string CallsAxis = "calls";
    private const string ScoreAxis = "score";

    public static void Write(string path, ClipRoute clip, int threshold, double secondsPerFrame)
    {
        IReadOnlyList<FrameRoute> frames = clip.Frames;
        double heavyShare = frames.Count == 0 ? 0 : (double)frames.Count(f => f.Heavy) / frames.Count;
        PlotModel model = PlotStyle.NewModel(string.Create(CultureInfo.InvariantCulture,
            $"Routing over time: {clip.Name} ({heavyShare:P0} of frames heavy, {clip.Transitions} route changes)"));
        model.Legends.Add(PlotStyle.TopLegend());

        double seconds = frames.Count * secondsPerFrame;
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "time (s)", Minimum = 0, Maximum = Math.Max(seconds, secondsPerFrame), MinorTickSize = 0, AxisTitleDistance = 6 });
        double lowest = frames.Select(f => f.InputDbfs).Where(double.IsFinite).DefaultIfEmpty(FloorDbfs).Min();
        double levelMin = Math.Max(FloorDbfs, Math.Floor((lowest - 5) / 10) * 10);
        LinearAxis level = PlotStyle.Axis(AxisPosition.Left, "input level (dBFS)", LevelAxis);
        (level.StartPosition, level.EndPosition, level.Minimum, level.Maximum) = (0.45, 1.0, levelMin, 0);
        model.Axes.Add(level);
        int maxCalls = frames.Select(f => f.HeavyCalls).DefaultIfEmpty(0).Max();
        LinearAxis calls = PlotStyle.Axis(AxisPosition.Right, "heavy calls at a restart", CallsAxis);
        (calls.StartPosition, calls.EndPosition, calls.Minimum, calls.Maximum, calls.MajorGridlineStyle) = (0.45, 1.0, 0, maxCalls + 1, LineStyle.None);
        model.Axes.Add(calls);
        int[] scores = frames.Select(f => f.SwitchScore).Append(threshold).ToArray();
        LinearAxis score = PlotStyle.Axis(AxisPosition.Left, "switch score (int8)", ScoreAxis);
        (score.StartPosition, score.EndPosition, score.Minimum, score.Maximum) = (0, 0.38, scores.Min() - 4, scores.Max() + 4);
        model.Axes.Add(score);

        foreach ((int first, int end) in HeavySegments(frames))
        {
            foreach (string axis in new[] { LevelAxis, ScoreAxis })
            {
                model.Annotations.Add(new RectangleAnnotation
                {
                    MinimumX = first * secondsPerFrame, MaximumX = end * secondsPerFrame, YAxisKey = axis, Fill = PlotStyle.HeavyShade, Layer = AnnotationLayer.BelowSeries,
                });
            }
        }

        // Steps drawn as one polyline per series (OxyPlot's StairStepSeries writes a line per step: large files).
        var levelLine = new LineSeries { Title = "input level", Color = PlotStyle.Level, StrokeThickness = 1, YAxisKey = LevelAxis };
        var bursts = new StemSeries { Title = "replay burst", Color = PlotStyle.Heavy, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = PlotStyle.Heavy, YAxisKey = CallsAxis };
        var scoreLine = new LineSeries { Title = "switch score", Color = PlotStyle.Light, StrokeThickness = 1, YAxisKey = ScoreAxis };
        for (int i = 0; i < frames.Count; i++)
        {
            (double t0, double t1) = (i * secondsPerFrame, (i + 1) * secondsPerFrame);
            double dbfs = Math.Max(levelMin, double.IsFinite(frames[i].InputDbfs) ? frames[i].InputDbfs : levelMin);
            levelLine.Points.AddRange([new DataPoint(t0, dbfs), new DataPoint(t1, dbfs)]);
            scoreLine.Points.AddRange([new DataPoint(t0, frames[i].SwitchScore), new DataPoint(t1, frames[i].SwitchScore)]);
            if (frames[i].RestartHeavy)
            {
                bursts.Points.Add(new DataPoint(t0, frames[i].HeavyCalls));
            }
        }

        model.Series.Add(levelLine);
        model.Series.Add(bursts);
        model.Series.Add(scoreLine);
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Horizontal, Y = threshold, YAxisKey = ScoreAxis, Color = PlotStyle.Threshold, StrokeThickness = 1.5,
            LineStyle = LineStyle.Dash, Text = $"threshold {threshold}", TextColor = PlotStyle.Threshold,
            TextLinePosition = 0, TextHorizontalAlignment = HorizontalAlignment.Left,
        });
        model.Series.Add(new LineSeries { Title = "heavy frames", Color = PlotStyle.HeavyShade, StrokeThickness = 8 }); // legend entry only
        PlotStyle.WriteSvg(model, path, PlotStyle.Width, 520);
    }

    /// <summary>Runs of consecutive heavy frames as [first, end) frame indices.</summary>
    public static IReadOnlyList<(int First, int End)> HeavySegments(IReadOnlyList<FrameRoute> frames)
    {
        var segments = new List<(int, int)>();
        for (int i = 0; i < frames.Count;)
        {
            if (!frames[i].Heavy)
            {
                i++;
                continue;
            }

            int first = i;
            while (i < frames.Count && frames[i].Heavy)
            {
                i++;
            }

            segments.Add((first, i));
        }

        return segments;
    }
}
