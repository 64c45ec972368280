using OxyPlot;

namespace Dsl.Compiler.Plots;

/// <summary>
/// Text sizes for the SVG exporter in CSS pixels. Without a measurer OxyPlot measures with its PDF context, whose
/// built-in Helvetica metrics come out in points (1/72 in) while SVG font sizes are pixels (1/96 in): legends and
/// margins were 3/4 of the drawn text and clipped it. Pure managed, so sizes are the same on every machine.
/// </summary>
internal sealed class PixelTextMeasurer : PdfRenderContext
{
    private const double PixelsPerPoint = 96.0 / 72.0;

    public PixelTextMeasurer()
        : base(PlotStyle.Width, PlotStyle.Height, OxyColors.White)
    {
    }

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        OxySize points = base.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(points.Width * PixelsPerPoint, points.Height * PixelsPerPoint);
    }
}
