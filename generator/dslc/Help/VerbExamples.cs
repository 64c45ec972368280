using Dsl.Cli.Verbs;

namespace Dsl.Cli.Help;

/// <summary>The synopsis and example command lines that close each verb's help (and the verb index's).</summary>
public static class VerbExamples
{
    /// <summary>The one-line synopsis of <paramref name="verb"/> (an options type), or of dslc itself when null.</summary>
    public static string Usage(Type? verb) => verb switch
    {
        null => "Usage: dslc <verb> [options]   (dslc <verb> --help for the verb's options)",
        _ when verb == typeof(InspectOptions) => "Usage: dslc inspect -m MODEL",
        _ when verb == typeof(RunOptions) => "Usage: dslc run -m MODEL -a IN.wav -o OUT.wav [options]",
        _ when verb == typeof(MergeResultsOptions) => "Usage: dslc merge-results RESULTS.json... -o MERGED.json [--junit MERGED.xml]",
        _ => $"Usage: dslc {Name(verb)} -m MODEL [options]",
    };

    /// <summary>Example command lines for <paramref name="verb"/>, or for dslc itself when null.</summary>
    public static IReadOnlyList<string> For(Type? verb) => verb switch
    {
        null =>
        [
            "dslc generate -m models/dsl_soundstream_s --board mps2-an386 -o out/model",
            "dslc validate -m models/dsl_soundstream_s --board mps2-an386 -a clips/ --report result.json --junit result.xml",
        ],
        _ when verb == typeof(GenerateOptions) =>
        [
            "dslc generate -m models/dsl_soundstream_s --board mps2-an386 -o out/model",
            "dslc generate -m models/dsl_soundstream_s --variant dsp --no-fit-check -o out/model-dsp",
            "dslc generate -m models/dsl_soundstream_s --board stm32f407g-disc1 --with-startup -o out/f407",
        ],
        _ when verb == typeof(InspectOptions) => ["dslc inspect -m models/dsl_soundstream_s"],
        _ when verb == typeof(RunOptions) =>
        [
            "dslc run -m models/dsl_soundstream_s -a speech.wav -o routed.wav",
            "dslc run -m models/dsl_soundstream_s -a speech.wav -o routed.wav -e c-host --trace routes.csv",
        ],
        _ when verb == typeof(ValidateOptions) =>
        [
            "dslc validate -m models/dsl_soundstream_s -q",
            "dslc validate -m models/dsl_soundstream_s --board mps2-an386 -a 'clips/*.wav' --shard 1/4 --report shard1.json --junit shard1.xml",
        ],
        _ when verb == typeof(BenchOptions) =>
        [
            "dslc bench -m models/dsl_soundstream_s -b mps2-an386,mps3-an547 -o out/BENCHMARKS.md",
            "dslc bench -m models/dsl_soundstream_s --layers -a clips/ -o out/BENCHMARKS.md",
        ],
        _ when verb == typeof(TuneOptions) =>
        [
            "dslc tune -m models/dsl_soundstream_s",
            "dslc tune -m models/dsl_soundstream_s --board stm32h747i-disco --budget 40%",
        ],
        _ when verb == typeof(MergeResultsOptions) =>
        [
            "dslc merge-results shard1.json shard2.json shard3.json -o results.json --junit results.xml",
        ],
        _ => [],
    };

    private static string Name(Type verb) =>
        (Attribute.GetCustomAttribute(verb, typeof(CommandLine.VerbAttribute)) as CommandLine.VerbAttribute)?.Name ?? verb.Name;
}
