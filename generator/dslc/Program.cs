using CommandLine;
using Dsl.Cli.Commands;
using Dsl.Cli.Help;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Cli;

/// <summary>
/// dslc: compiles trained DSL audio models into int8 C for Cortex-M. User errors print one line
/// and exit with their code (see DslErrorCode); anything else is a dslc bug (exit 70).
/// </summary>
public static class Program
{
    /// <summary>The exit code of an internal error (a dslc bug), after BSD's EX_SOFTWARE.</summary>
    public const int InternalErrorExitCode = 70;

    public static int Main(string[] args)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null; // HelpPrinter: help asked for on stdout, usage errors on stderr
            s.CaseInsensitiveEnumValues = true;
        });
        ParserResult<object> parsed = parser.ParseArguments<GenerateOptions, InspectOptions, RunOptions, ValidateOptions, BenchOptions, TuneOptions, MergeResultsOptions>(args);
        if (parsed is NotParsed<object> notParsed)
        {
            return HelpPrinter.Print(notParsed, Console.Out, Console.Error) ? 0 : (int)DslErrorCode.Usage;
        }

        return Guarded(() => parsed.MapResult(
            (GenerateOptions o) => GenerateCommand.Run(o),
            (InspectOptions o) => InspectCommand.Run(o),
            (RunOptions o) => RunCommand.Run(o),
            (ValidateOptions o) => ValidateCommand.Run(o),
            (BenchOptions o) => BenchCommand.Run(o),
            (TuneOptions o) => TuneCommand.Run(o),
            (MergeResultsOptions o) => MergeResultsCommand.Run(o),
            _ => (int)DslErrorCode.Usage));
    }

    /// <summary>Runs a verb and maps what escapes it to an exit code: a DslException to its family with
    /// one line, anything else to 70 (a dslc bug), unless DSLC_DEBUG is set (then it propagates with its
    /// stack trace).</summary>
    public static int Guarded(Func<int> verb)
    {
        try
        {
            return verb();
        }
        catch (DslException e)
        {
            Console.Error.WriteLine($"dslc: error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("DSLC_DEBUG") is null)
        {
            Console.Error.WriteLine($"dslc: internal error ({e.GetType().Name}: {e.Message}); this is a dslc bug, please report it with the model (set DSLC_DEBUG=1 for the stack trace)");
            return InternalErrorExitCode;
        }
    }
}
