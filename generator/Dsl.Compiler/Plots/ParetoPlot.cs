using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Dsl.Compiler.Plots;

/// <summary>
/// The tuner's trade-off: every swept point, the Pareto front joined by a line (in order of x), the other points
/// as faint markers, and each labelled (chosen) point marked and annotated.
/// </summary>
public static class ParetoPlot
{
    public static void Write(string path, IReadOnlyList<ParetoPlotPoint> points, string xLabel, string yLabel)
    {
        PlotModel model = PlotStyle.NewModel($"{yLabel} against {xLabel}");
        model.Legends.Add(PlotStyle.CornerLegend(LegendPosition.BottomRight));
        foreach (LinearAxis axis in new[] { PlotStyle.Axis(AxisPosition.Bottom, xLabel), PlotStyle.Axis(AxisPosition.Left, yLabel) })
        {
            (axis.MinimumPadding, axis.MaximumPadding) = (0.05, 0.05); // markers at the extremes stay whole
            model.Axes.Add(axis);
        }

        var others = new ScatterSeries { Title = "swept points", MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = PlotStyle.Faint };
        others.Points.AddRange(points.Where(p => !p.OnFront).Select(p => new ScatterPoint(p.X, p.Y)));
        var front = new LineSeries { Title = "Pareto front", Color = PlotStyle.Light, StrokeThickness = 2, MarkerType = MarkerType.Circle, MarkerSize = 3.5, MarkerFill = PlotStyle.Light };
        front.Points.AddRange(points.Where(p => p.OnFront).OrderBy(p => p.X).ThenBy(p => p.Y).Select(p => new DataPoint(p.X, p.Y)));
        model.Series.Add(others);
        model.Series.Add(front);
        foreach (ParetoPlotPoint chosen in points.Where(p => p.Label is not null))
        {
            model.Annotations.Add(new PointAnnotation
            {
                X = chosen.X, Y = chosen.Y, Shape = MarkerType.Diamond, Size = 7, Fill = PlotStyle.Heavy, Text = chosen.Label,
                TextColor = PlotStyle.Heavy, TextHorizontalAlignment = HorizontalAlignment.Left, TextVerticalAlignment = VerticalAlignment.Bottom,
            });
        }

        PlotStyle.WriteSvg(model, path);
    }
}
