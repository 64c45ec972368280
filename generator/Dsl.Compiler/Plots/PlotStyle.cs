using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace Dsl.Compiler.Plots;

/// <summary>
/// What every dslc plot shares: size, font, colours, and the SVG export. OxyPlot's SVG exporter is pure managed
/// code that measures text with built-in font metrics, so the files are byte-identical for identical data on any
/// machine, with no native library and no installed font.
/// </summary>
public static class PlotStyle
{
    public const int Width = 900;
    public const int Height = 420;

    /// <summary>A font list every SVG viewer resolves; OxyPlot only measures it (Helvetica metrics).</summary>
    public const string Font = "Helvetica, Arial, sans-serif";

    public static readonly OxyColor Light = OxyColor.FromRgb(0x1f, 0x77, 0xb4);
    public static readonly OxyColor Heavy = OxyColor.FromRgb(0xd6, 0x27, 0x28);

    /// <summary>Heavy frames as a band behind the data.</summary>
    public static readonly OxyColor HeavyShade = OxyColor.FromAColor(0x40, Heavy);

    public static readonly OxyColor Level = OxyColor.FromRgb(0x33, 0x33, 0x33);
    public static readonly OxyColor Threshold = OxyColor.FromRgb(0x2c, 0xa0, 0x2c);
    public static readonly OxyColor Faint = OxyColor.FromAColor(0x66, OxyColor.FromRgb(0x7f, 0x7f, 0x7f));

    /// <summary>A legend in one row above the plot area, where it hides no data. The spacing is generous because a
    /// viewer without Helvetica or Arial draws wider text than OxyPlot measured.</summary>
    public static Legend TopLegend() => new()
    {
        LegendPosition = LegendPosition.TopCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal,
        LegendBorderThickness = 0, LegendItemSpacing = 40,
    };

    /// <summary>A legend, one entry per line, in a corner of the plot area that <paramref name="position"/> names.</summary>
    public static Legend CornerLegend(LegendPosition position) => new()
    {
        LegendPosition = position, LegendPlacement = LegendPlacement.Inside, LegendOrientation = LegendOrientation.Vertical,
        LegendBackground = OxyColor.FromAColor(0xdd, OxyColors.White), LegendBorder = OxyColor.FromRgb(0xcc, 0xcc, 0xcc), LegendPadding = 8,
    };

    public static PlotModel NewModel(string title) => new()
    {
        Title = title,
        TitleFontSize = 15,
        DefaultFont = Font,
        DefaultFontSize = 12,
        Background = OxyColors.White,
        PlotAreaBorderColor = OxyColor.FromRgb(0x99, 0x99, 0x99),
        IsLegendVisible = true,
    };

    public static LinearAxis Axis(AxisPosition position, string title, string? key = null) => new()
    {
        Position = position,
        Title = title,
        Key = key,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromRgb(0xe5, 0xe5, 0xe5),
        MinorTickSize = 0,
        AxisTitleDistance = 6,
    };

    /// <summary>Writes <paramref name="model"/> as SVG to <paramref name="path"/> (UTF-8 without a byte order mark).</summary>
    public static void WriteSvg(PlotModel model, string path, int width = Width, int height = Height)
    {
        using var buffer = new MemoryStream();
        new SvgExporter { Width = width, Height = height, UseVerticalTextAlignmentWorkaround = true, TextMeasurer = new PixelTextMeasurer() }.Export(model, buffer);
        ReadOnlySpan<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, (bytes.StartsWith(bom) ? bytes[bom.Length..] : bytes).ToArray());
    }
}
