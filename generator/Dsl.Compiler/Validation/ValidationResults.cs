using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Validation;

/// <summary>
/// What <c>dslc validate --report</c> writes and <c>dslc merge-results</c> combines: one model and rounding
/// rule, one result per clip x target, sorted (<see cref="ClipResult.Compare"/>) so that the merge of the
/// shards of a run equals the unsharded run's results.
/// </summary>
public sealed class ValidationResults
{
    public const int SchemaVersion = 1;

    public ValidationResults(string model, string rounding, IEnumerable<ClipResult> results)
    {
        Model = model;
        Rounding = rounding;
        var sorted = results.ToList();
        sorted.Sort(ClipResult.Compare); // List.Sort is unstable; equal keys (a clip given twice) are equal results
        Results = sorted;
    }

    public string Model { get; }

    public string Rounding { get; }

    public IReadOnlyList<ClipResult> Results { get; }

    public bool BitExact => Results.All(r => r.BitExact);

    /// <summary>The results of several runs (shards, boards) of one model and rounding rule as one.</summary>
    /// <param name="sources">Each part with the name it is reported by (its file).</param>
    public static ValidationResults Merge(IReadOnlyList<(string Source, ValidationResults Part)> sources)
    {
        if (sources.Count == 0)
        {
            throw new DslException(DslErrorCode.Usage, "merge-results: no result files given");
        }

        (string firstSource, ValidationResults first) = sources[0];
        foreach ((string source, ValidationResults part) in sources)
        {
            if (part.Model != first.Model || part.Rounding != first.Rounding)
            {
                throw new DslException(DslErrorCode.Usage, $"{source}: results of model '{part.Model}' with {part.Rounding} rounding, but {firstSource} holds '{first.Model}' with {first.Rounding}; merge results of one model and rounding rule");
            }
        }

        var merged = new ValidationResults(first.Model, first.Rounding, sources.SelectMany(s => s.Part.Results));
        for (int i = 1; i < merged.Results.Count; i++)
        {
            if (ClipResult.Compare(merged.Results[i - 1], merged.Results[i]) == 0)
            {
                string[] holders = sources.Where(s => s.Part.Results.Any(r => ClipResult.Compare(r, merged.Results[i]) == 0)).Select(s => s.Source).ToArray();
                throw new DslException(DslErrorCode.Usage, $"clip {merged.Results[i].Clip} on {merged.Results[i].Target} is in {string.Join(" and ", holders)}; merge results of disjoint shards");
            }
        }

        return merged;
    }
}
