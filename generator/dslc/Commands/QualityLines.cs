using System.Globalization;
using Dsl.Compiler.Validation;

namespace Dsl.Cli.Commands;

/// <summary>What validate and run print about int vs float quality and saturation.</summary>
public static class QualityLines
{
    /// <summary>The SNR line of a clip: overall, then per input level with its frame count.</summary>
    public static string Snr(ClipQuality q) =>
        string.Create(CultureInfo.InvariantCulture, $"int vs float, always-heavy output: SNR {q.SnrDb:F1} dB ({q.Clip}); by input level: ")
        + string.Join(", ", q.Levels.Select(l => l.SnrDb is { } snr
            ? string.Create(CultureInfo.InvariantCulture, $"{Name(l.Level)} {snr:F1} dB ({l.Frames} frames)")
            : $"{Name(l.Level)}: no frames"));

    /// <summary>Prints the clip's clamped tensors (stdout) and a warning per saturating tensor (stderr, never hidden by -q).</summary>
    public static void Clamps(string clip, IReadOnlyList<TensorClamps> clamps)
    {
        if (SaturationRule.Summary(clip, clamps) is { } line)
        {
            Console.WriteLine(line);
        }

        foreach (string warning in SaturationRule.Warnings(clip, clamps))
        {
            Console.Error.WriteLine("dslc: warning: " + warning);
        }
    }

    private static string Name(InputLevel level) => level switch
    {
        InputLevel.Quiet => string.Create(CultureInfo.InvariantCulture, $"quiet (< {InputLevels.QuietBelowDbfs:0} dBFS)"),
        InputLevel.Loud => string.Create(CultureInfo.InvariantCulture, $"loud (> {InputLevels.LoudAboveDbfs:0} dBFS)"),
        _ => "normal",
    };
}
