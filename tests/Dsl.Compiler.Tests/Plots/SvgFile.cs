using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using OxyPlot;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>A written plot parsed as XML (which fails on a malformed file), with the queries the plot tests need:
/// shapes by colour and their coordinates.</summary>
internal sealed class SvgFile
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private SvgFile(XDocument document) => Document = document;

    public XDocument Document { get; }

    public static SvgFile Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no byte order mark");
        // The exporter writes the SVG 1.1 DOCTYPE; the DTD is not fetched.
        using XmlReader reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var document = XDocument.Load(reader);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return new SvgFile(document);
    }

    /// <summary>"rgb(r,g,b)" as the exporter writes a colour (alpha goes to a separate opacity).</summary>
    public static string Rgb(OxyColor c) => $"rgb({c.R},{c.G},{c.B})";

    /// <summary>Elements named <paramref name="name"/> whose style fills (or strokes) with <paramref name="color"/>.</summary>
    public IReadOnlyList<XElement> Filled(string name, OxyColor color) => WithStyle(name, $"fill:{Rgb(color)}");

    public IReadOnlyList<XElement> Stroked(string name, OxyColor color) => WithStyle(name, $"stroke:{Rgb(color)}");

    public IEnumerable<string> Texts => Document.Descendants(Svg + "text").Select(t => t.Value);

    public static double Number(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    /// <summary>The points of a polyline.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();

    private List<XElement> WithStyle(string name, string part) =>
        Document.Descendants(Svg + name)
            .Where(e => (e.Attribute("style")?.Value ?? "").Split(';').Contains(part))
            .ToList();
}
