using Dsl.Cli.Verbs;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Output;
using Dsl.Compiler.Validation;

namespace Dsl.Cli.Commands;

/// <summary>dslc merge-results: the validate --report files of a CI matrix as one (equal to one unsharded run's).</summary>
public static class MergeResultsCommand
{
    public static int Run(MergeResultsOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        var inputs = o.Inputs.ToList();
        foreach ((string? file, string option) in new[] { (o.Out, "-o"), (o.Junit, "--junit") })
        {
            if (file is not null && inputs.Any(i => Path.GetFullPath(i) == Path.GetFullPath(file)))
            {
                throw new DslException(DslErrorCode.Io, $"{file}: is one of the files to merge; choose another file for {option}");
            }

            if (file is not null)
            {
                OutputFile.Prepare(file, option);
            }
        }

        ValidationResults merged = ValidationResults.Merge(inputs.Select(i => (i, ValidationResultsJson.Read(i))).ToList());
        ValidationResultsJson.Write(merged, o.Out, "-o");
        info($"wrote {o.Out}");
        if (o.Junit is not null)
        {
            JUnitReport.Write(merged, o.Junit, "--junit");
            info($"wrote {o.Junit}");
        }

        int failed = merged.Results.Count(r => !r.BitExact);
        string targets = string.Join(", ", merged.Results.Select(r => r.Target).Distinct().Order(StringComparer.Ordinal));
        if (failed > 0)
        {
            ClipResult first = merged.Results.First(r => !r.BitExact);
            Console.WriteLine($"NOT bit-exact: {failed} of {merged.Results.Count} clip x target results from {inputs.Count} file(s) fail; first: {first.Clip} on {first.Target}: {first.Failure}");
            return (int)DslErrorCode.Mismatch;
        }

        Console.WriteLine($"bit-exact: {merged.Results.Count} clip x target results from {inputs.Count} file(s) ({(targets.Length > 0 ? targets : "no targets")})");
        return 0;
    }
}
