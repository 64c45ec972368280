using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("generate", HelpText = "Compile a trained DSL model into int8 C (and per-core build glue for a board).")]
public sealed class GenerateOptions : ModelOptions
{
    [Option('o', "out", HelpText = "Output folder (default: out/<model name>).")]
    public string? Out { get; set; }

    [Option("force", HelpText = "Replace the output folder even if it holds files dslc did not write (never the model's inputs).")]
    public bool Force { get; set; }

    [Option('b', "board", HelpText = "Board profile name (boards/<name>.yaml) or YAML file: kernel variant, build glue, memory fit check.")]
    public string? Board { get; set; }

    [Option("no-fit-check", HelpText = "With --board: do not link the paths to check they fit the board's memory (no Arm toolchain needed); a warning says so, even with -q.")]
    public bool NoFitCheck { get; set; }

    [Option("with-startup", HelpText = "With --board: also write each core's startup file (vector table, reset handler) next to its full linker script (dsl_app.ld), listed in its CMake / make glue, so your firmware needs only main().")]
    public bool WithStartup { get; set; }

    [Option("strict-deadline", HelpText = "With --board: a path that misses its frame deadline on the board (worst frame, replay burst included; estimated instructions at one per cycle) is an error (exit 8) instead of a warning.")]
    public bool StrictDeadline { get; set; }

    [Option("variant", HelpText = "Kernel variant without a board: portable (default), dsp or mve.")]
    public string? Variant { get; set; }

    [Option("nanoframework", HelpText = "Also write <out>/nanoframework/: a C# class library for .NET nanoFramework devices and its native interop glue (docs/nanoframework.md).")]
    public bool NanoFramework { get; set; }
}
