using System.Globalization;
using System.Xml.Linq;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Validation;

/// <summary>
/// <see cref="ValidationResults"/> as JUnit XML for CI test reports: one testsuite per model, one testcase
/// per clip x target (classname the target, name the clip), a failure element when not bit-exact. No
/// timestamps or times, so equal results are equal bytes.
/// </summary>
public static class JUnitReport
{
    public static string ToXml(ValidationResults r)
    {
        int failures = r.Results.Count(c => !c.BitExact);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"dslc validate {r.Model} ({r.Rounding} rounding)"),
            new XAttribute("tests", r.Results.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            r.Results.Select(Case));
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "dslc validate"),
                new XAttribute("tests", r.Results.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", 0),
                suite));
        using var writer = new Utf8StringWriter();
        doc.Save(writer);
        return writer + "\n";
    }

    public static void Write(ValidationResults r, string path, string option) => OutputFile.Write(path, ToXml(r), option);

    private static XElement Case(ClipResult c)
    {
        var testcase = new XElement("testcase",
            new XAttribute("classname", $"{c.Target}"),
            new XAttribute("name", c.Clip));
        if (!c.BitExact)
        {
            testcase.Add(new XElement("failure",
                new XAttribute("message", c.Failure!),
                new XAttribute("type", "NotBitExact"),
                string.Join("\n", [c.Failure!, .. c.Lines])));
        }

        testcase.Add(new XElement("system-out", string.Join("\n", [
            string.Create(CultureInfo.InvariantCulture, $"{c.Frames} frames, {c.HeavyFrames} heavy ({100 * c.HeavyShare:F1}%)"),
            .. c.Lines])));
        return testcase;
    }

    /// <summary>XDocument.Save to a StringWriter declares UTF-16; the file is UTF-8.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
