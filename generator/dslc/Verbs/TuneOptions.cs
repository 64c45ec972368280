using CommandLine;
using Dsl.Compiler.Tuning;

namespace Dsl.Cli.Verbs;

[Verb("tune", HelpText = "Sweep the routing settings (switch threshold x hold x replay policy) over the model's calibration and test audio with the golden model; write the Pareto table of routed quality against heavy-path load; with --budget, write the best setting within it into dsl.json.")]
public sealed class TuneOptions : ModelOptions
{
    /// <summary>The board priced when none is given: the two-core board issue 11 names.</summary>
    public const string DefaultBoard = "stm32h747i-disco";

    [Option('b', "board", HelpText = "Board profile name (boards/<name>.yaml) or YAML file whose cores price the load and power (default: " + DefaultBoard + ").")]
    public string? Board { get; set; }

    [Option('o', "out", HelpText = "Folder for pareto.json and pareto.csv (default: out/tune/<model name>/<board>).")]
    public string? Out { get; set; }

    [Option("force", HelpText = "Replace the -o folder even if it holds files dslc did not write (never the model's inputs).")]
    public bool Force { get; set; }

    [Option("budget", HelpText = "Pick the highest-quality point within this budget and write its threshold, hold (and replay policy) into dsl.json: heavy-path instructions per second (12M/s), mean load of the heavy core (40%) or of a named core (40%:m7), or average power of the board's cores (15mW).")]
    public string? Budget { get; set; }

    [Option("holds", Default = SweepGrid.DefaultHolds, HelpText = "Holds to sweep, in frames: a range and/or list (0..8, 0,1,2,4).")]
    public string Holds { get; set; } = SweepGrid.DefaultHolds;

    [Option("replay-sweep", HelpText = "Bounded replay counts K < R to sweep (inexact; the heavy path is run for them, on the exact front's threshold and hold pairs), comma-separated, or none; default: R/2 and R/4.")]
    public string? ReplaySweep { get; set; }
}
