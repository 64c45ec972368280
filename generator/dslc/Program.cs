using CommandLine;
using Dsl.Cli.Commands;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Cli;

/// <summary>
/// dslc: compiles trained DSL audio models into int8 C for Cortex-M. User errors print one line
/// and exit with their code (see DslErrorCode); anything else is a dslc bug (exit 70).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = Console.Error;
            s.CaseInsensitiveEnumValues = true;
        });
        ParserResult<object> parsed = parser.ParseArguments<GenerateOptions, InspectOptions, RunOptions, ValidateOptions, BenchOptions>(args);
        if (parsed is NotParsed<object> notParsed)
        {
            bool help = notParsed.Errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError);
            return help ? 0 : (int)DslErrorCode.Usage;
        }

        try
        {
            return parsed.MapResult(
                (GenerateOptions o) => GenerateCommand.Run(o),
                (InspectOptions o) => InspectCommand.Run(o),
                (RunOptions o) => RunCommand.Run(o),
                (ValidateOptions o) => ValidateCommand.Run(o),
                (BenchOptions o) => BenchCommand.Run(o),
                _ => (int)DslErrorCode.Usage);
        }
        catch (DslException e)
        {
            Console.Error.WriteLine($"dslc: error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("DSLC_DEBUG") is null)
        {
            Console.Error.WriteLine($"dslc: internal error ({e.GetType().Name}: {e.Message}); this is a dslc bug, please report it with the model (set DSLC_DEBUG=1 for the stack trace)");
            return 70;
        }
    }
}
