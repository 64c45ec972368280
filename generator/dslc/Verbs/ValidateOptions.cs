using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("validate", HelpText = "Build the emitted C (host gcc or a QEMU board), run it on WAVs and compare every frame with the golden model.")]
public sealed class ValidateOptions : ModelOptions
{
    [Option('a', "audio", Separator = ',', HelpText = "WAVs to run (comma-separated files, folders of *.wav, globs such as 'clips/*.wav'; sorted within a folder or glob); default: the test WAVs dsl.json lists.")]
    public IEnumerable<string> Audio { get; set; } = Array.Empty<string>();

    [Option('b', "board", HelpText = "Emulated board (e.g. mps2-an386) to run under QEMU; default: host gcc.")]
    public string? Board { get; set; }

    [Option("layers", HelpText = "Also list every tensor's int8-vs-float SNR on the first clip, worst first (where quantization loses accuracy).")]
    public bool Layers { get; set; }

    [Option("force", HelpText = "Replace the --work folder even if it holds files dslc did not write (never the model's inputs).")]
    public bool Force { get; set; }

    [Option("emitted", HelpText = "Validate C that 'dslc generate' already wrote into this folder (same model and options) instead of generating it afresh.")]
    public string? Emitted { get; set; }

    [Option("paced-load", Default = 1.0, HelpText = "Two-core boards: frames come this many times faster in the paced run than the period found from the lockstep counts (> 1: an overload, late frames fail validation); 0: lockstep run only.")]
    public double PacedLoad { get; set; } = 1.0;

    [Option("json", HelpText = "Also write the quality report (per clip: verdict, int vs float SNR overall and per input level, clamp counts per tensor; docs/quality-report.md) to this JSON file.")]
    public string? Json { get; set; }

    [Option("report", HelpText = "Also write the results (per clip x target: verdict, frames, heavy share, the SNR and clamp lines printed) to this JSON file, for CI and 'dslc merge-results' (docs/ci.md).")]
    public string? Report { get; set; }

    [Option("junit", HelpText = "Also write the results as JUnit XML (one test case per clip x target, a failure when not bit-exact) for CI test reports.")]
    public string? Junit { get; set; }

    [Option("shard", HelpText = "Validate only shard i of n (i/n) of the clips: sorted by path, clip k goes to shard k mod n + 1; the n shards' --report files merge into the unsharded run's ('dslc merge-results').")]
    public string? Shard { get; set; }

    [Option("work", HelpText = "Folder for the emitted C, binaries and traces, kept after the run (default: a new folder of this run under the system temporary folder, removed at the end unless --keep-work).")]
    public string? Work { get; set; }

    [Option("keep-work", HelpText = "Keep the default work folder (its path is printed) instead of removing it at the end.")]
    public bool KeepWork { get; set; }
}
