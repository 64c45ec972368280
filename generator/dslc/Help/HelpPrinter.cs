using CommandLine;
using CommandLine.Text;

namespace Dsl.Cli.Help;

/// <summary>
/// Prints what CommandLineParser did not parse: help and version asked for go to stdout (exit 0, so
/// <c>dslc --help | less</c> works); a usage error goes to stderr with the help (exit Usage).
/// </summary>
public static class HelpPrinter
{
    /// <returns>True when the user asked for help or the version (not an error).</returns>
    public static bool Print(NotParsed<object> notParsed, TextWriter stdout, TextWriter stderr)
    {
        IEnumerable<Error> errors = notParsed.Errors.ToList();
        if (errors.Any(e => e.Tag == ErrorType.VersionRequestedError))
        {
            stdout.WriteLine(HeadingInfo.Default);
            return true;
        }

        bool help = errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError);
        // The verb index (not one verb's options) when no verb was named or the named one is unknown.
        bool verbsIndex = errors.Any(e => e.Tag is ErrorType.NoVerbSelectedError or ErrorType.BadVerbSelectedError
            || e is HelpVerbRequestedError { Matched: false });
        Type? named = errors.OfType<HelpVerbRequestedError>().FirstOrDefault()?.Type ?? notParsed.TypeInfo.Current;
        Type? verb = verbsIndex || named == typeof(NullInstance) ? null : named;
        HelpText text = HelpText.AutoBuild(notParsed, h =>
        {
            h.Heading = HeadingInfo.Default;
            h.Copyright = string.Empty;
            h.AddPreOptionsLine(VerbExamples.Usage(verb));
            return help ? h : HelpText.DefaultParsingErrorsHandler(notParsed, h);
        }, e => e, verbsIndex);
        TextWriter writer = help ? stdout : stderr;
        writer.Write(text.ToString().TrimEnd() + Environment.NewLine);
        // Written after the help text, not as its post-options lines, which would wrap a command line.
        IReadOnlyList<string> examples = VerbExamples.For(verb);
        if (examples.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Examples:");
            foreach (string example in examples)
            {
                writer.WriteLine("  " + example);
            }
        }

        return help;
    }
}
