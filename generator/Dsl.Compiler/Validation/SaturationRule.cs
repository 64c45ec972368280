using System.Globalization;

namespace Dsl.Compiler.Validation;

/// <summary>When a clip saturates: a tensor clamped more than <see cref="WarnShare"/> of its values at its
/// calibrated range, or an audio output clipped at all (any clipped sample is audible).</summary>
public static class SaturationRule
{
    /// <summary>1 %: on the shipped model's test clips (min/max calibration) no tensor clamps more than 0.7 %;
    /// input louder than the calibration audio clamps whole stretches.</summary>
    public const double WarnShare = 0.01;

    public static bool Saturates(TensorClamps t) => t.Clamped > 0 && (t.AudioOutput || t.Share > WarnShare);

    /// <summary>One warning per saturating tensor of the clip (without the "dslc: warning: " prefix).</summary>
    public static IEnumerable<string> Warnings(string clip, IEnumerable<TensorClamps> clamps) =>
        clamps.Where(Saturates).Select(t => t.AudioOutput
            ? string.Create(CultureInfo.InvariantCulture, $"{clip}: audio output '{t.Tensor}' clipped {t.Clamped} of {t.Values} samples ({100 * t.Share:0.###} %) at int16 full scale")
            : string.Create(CultureInfo.InvariantCulture, $"{clip}: tensor '{t.Tensor}' saturates: {t.Clamped} of {t.Values} values ({100 * t.Share:0.###} %) clamped at its calibrated range{(t.PreActivation ? " (before its activation)" : "")}, more than {100 * WarnShare:0.##} %; calibrate with audio as loud as this clip"));

    /// <summary>The line that lists a clip's clamped tensors, or null when none clamped.</summary>
    public static string? Summary(string clip, IEnumerable<TensorClamps> clamps)
    {
        var clamped = clamps.Where(c => c.Clamped > 0).ToList();
        return clamped.Count == 0 ? null
            : $"{clip}: clamped at the calibrated range: " + string.Join(", ", clamped.Select(t =>
                string.Create(CultureInfo.InvariantCulture, $"{t.Tensor} {t.Clamped} of {t.Values} ({100 * t.Share:0.###} %)")));
    }
}
