namespace Dsl.Compiler.Tests.Cli;

/// <summary>Runs dslc in-process and captures what it prints (tests using it belong to <see cref="CliCollection"/>).</summary>
public static class CliRun
{
    public static (int Code, string Output, string Error) Dslc(string[] args)
    {
        TextWriter originalOut = Console.Out, originalError = Console.Error;
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (Dsl.Cli.Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
