using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("merge-results", HelpText = "Merge 'dslc validate --report' files (shards of a CI matrix, boards) into one results file, and optionally one JUnit XML; exit 10 when any clip is not bit-exact.")]
public sealed class MergeResultsOptions
{
    [Value(0, MetaName = "results", Min = 1, HelpText = "The --report JSON files to merge (of one model and rounding rule, disjoint clips per target).")]
    public IEnumerable<string> Inputs { get; set; } = Array.Empty<string>();

    [Option('o', "out", Required = true, HelpText = "The merged results JSON.")]
    public string Out { get; set; } = string.Empty;

    [Option("junit", HelpText = "Also write the merged results as JUnit XML.")]
    public string? Junit { get; set; }

    [Option('q', "quiet", HelpText = "Print only the result line.")]
    public bool Quiet { get; set; }
}
