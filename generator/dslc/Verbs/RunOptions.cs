using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("run", HelpText = "Run a model on a WAV: routed WAV (class scores CSV for a classifier head) out plus a per-frame route trace (CSV).")]
public sealed class RunOptions : ModelOptions
{
    [Option('a', "audio", Required = true, HelpText = "Input WAV (mono, 16-bit, the model's sample rate).")]
    public string Audio { get; set; } = string.Empty;

    [Option('o', "out", Required = true, HelpText = "Routed output WAV; a model with a classifier head ('classes') writes its per-frame scores as CSV here instead (frame, time, gated, label, one column per class).")]
    public string Out { get; set; } = string.Empty;

    [Option("trace", HelpText = "Per-frame route trace CSV (default: <out>.trace.csv).")]
    public string? Trace { get; set; }

    [Option('e', "engine", Default = "int8", HelpText = "float (reference), int8 (C# golden model) or c-host (the emitted C built with host gcc).")]
    public string Engine { get; set; } = "int8";
}
