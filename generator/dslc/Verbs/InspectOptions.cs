using CommandLine;

namespace Dsl.Cli.Verbs;

[Verb("inspect", HelpText = "Show the streamed graph, the light/heavy partition, MACs and the receptive field (no calibration).")]
public sealed class InspectOptions
{
    [Option('m', "model", Required = true, HelpText = "The model's dsl.json, or the folder that holds it.")]
    public string Model { get; set; } = string.Empty;
}
