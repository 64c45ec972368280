using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("bench", HelpText = "Instruction counts, sizes and memory per board and path under QEMU; writes a markdown and a JSON table.")]
public sealed class BenchOptions : ModelOptions
{
    [Option('b', "boards", Separator = ',', HelpText = "Emulated boards (comma-separated); default: every board profile with a QEMU machine.")]
    public IEnumerable<string> Boards { get; set; } = Array.Empty<string>();

    [Option('a', "audio", Separator = ',', HelpText = "WAVs to run one after the other (comma-separated files, folders of *.wav, globs such as 'clips/*.wav'); default: all test WAVs dsl.json lists.")]
    public IEnumerable<string> Audio { get; set; } = Array.Empty<string>();

    [Option("shard", HelpText = "Run only shard i of n (i/n) of the clips: sorted by path, clip k goes to shard k mod n + 1 (as validate --shard).")]
    public string? Shard { get; set; }

    [Option("work", HelpText = "Folder for the emitted C, binaries and traces, kept after the run (default: a new folder of this run under the system temporary folder, removed at the end unless --keep-work).")]
    public string? Work { get; set; }

    [Option("keep-work", HelpText = "Keep the default work folder (its path is printed) instead of removing it at the end.")]
    public bool KeepWork { get; set; }

    [Option("force", HelpText = "Replace the --work folder even if it holds files dslc did not write (never the model's inputs).")]
    public bool Force { get; set; }

    [Option("layers", HelpText = "Also profile every step (kernel call) of each path: instructions, MACs, instr/MAC and share of the path, from a second build with the profiling hooks on.")]
    public bool Layers { get; set; }

    [Option('o', "out", Default = "BENCHMARKS.md", HelpText = "Markdown table; the JSON goes beside it (.json).")]
    public string Out { get; set; } = "BENCHMARKS.md";
}
