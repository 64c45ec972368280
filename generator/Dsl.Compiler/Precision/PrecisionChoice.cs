using System.Globalization;
using System.Text.Json.Serialization;

namespace Dsl.Compiler.Precision;

/// <summary>
/// The mixed-precision decision of one compilation and its report (precision.json, report.md): what each tensor got
/// and why, the SNR reached per output and what it costs against all-int8. Also the cache entry: <see cref="Key"/>
/// hashes everything the decision depends on (<see cref="PrecisionKey"/>).
/// </summary>
/// <param name="Key">Hash of the inputs of the decision.</param>
/// <param name="Target">Target SNR in dB; null when off.</param>
/// <param name="Source">Not in precision.json (identical input, identical file): search, cache (the search of an earlier run with the same key), int16-option or off.</param>
/// <param name="Chosen">The int16 tensors, sorted.</param>
/// <param name="Met">Every output reaches the target (always true without a target).</param>
/// <param name="Snr">SNR per output on the evaluation audio with <paramref name="Chosen"/>; empty when not measured.</param>
/// <param name="Int8Snr">The same with every tensor int8; empty when not measured.</param>
/// <param name="Cost">Cost of <paramref name="Chosen"/>.</param>
/// <param name="Int8Cost">Cost with every tensor int8.</param>
/// <param name="Tensors">Every activation tensor that is not PCM, eligible or not, sorted by name.</param>
/// <param name="EvaluationFrames">Frames of evaluation audio (calibration audio, all gains).</param>
/// <param name="Evaluations">Candidates the golden model ran.</param>
/// <param name="SearchSeconds">Not in precision.json: wall time of the search (0 from the cache).</param>
/// <param name="UnmeasuredOps">Kernel ops whose instruction figures are provisional, not measured.</param>
/// <param name="CostNote">Where the instruction figures come from.</param>
public sealed record PrecisionChoice(
    string Key,
    double? Target,
    [property: JsonIgnore] string Source,
    IReadOnlyList<string> Chosen,
    bool Met,
    IReadOnlyList<OutputSnr> Snr,
    IReadOnlyList<OutputSnr> Int8Snr,
    CandidateCost Cost,
    CandidateCost Int8Cost,
    IReadOnlyList<TensorPrecision> Tensors,
    int EvaluationFrames,
    int Evaluations,
    [property: JsonIgnore] double SearchSeconds,
    IReadOnlyList<string> UnmeasuredOps,
    string CostNote)
{
    /// <summary>One line for the console: what was chosen, the SNR reached and the cost.</summary>
    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        int eligible = Tensors.Count(t => t.Eligible);
        string target = Target is null ? "target off" : string.Create(c, $"target {Target:0.#} dB");
        string snr = Snr.Count == 0 ? "" : ": " + string.Join(", ", Snr.Select(o => string.Create(c, $"{o.Output} {o.SnrDb:F1} dB")))
            + (Int8Snr.Count == 0 ? "" : " (all-int8 " + string.Join(", ", Int8Snr.Select(o => string.Create(c, $"{o.SnrDb:F1}"))) + ")");
        VariantInstructions now = Cost.Instructions.First(i => i.Variant == CandidateCost.ObjectiveVariant);
        VariantInstructions int8 = Int8Cost.Instructions.First(i => i.Variant == CandidateCost.ObjectiveVariant);
        string cost = string.Create(c, $"; est. instructions/frame ({CandidateCost.ObjectiveVariant}) light {Percent(now.Light, int8.Light)}, heavy {Percent(now.Heavy, int8.Heavy)}, bytes {Cost.Bytes.Total - Int8Cost.Bytes.Total:+#;-#;0} vs all-int8");
        string from = Source == "search" ? string.Create(c, $", searched in {SearchSeconds:F1} s") : $", {Source}";
        return string.Create(c, $"precision ({target}{from}): {Chosen.Count} of {eligible} eligible tensors int16{snr}{cost}");
    }

    /// <summary>The warning when the target is not reached, else null.</summary>
    public string? Warning()
    {
        if (Met || Target is null)
        {
            return null;
        }

        var c = CultureInfo.InvariantCulture;
        int capped = Tensors.Count(t => t.Why.StartsWith(PrecisionAnalysis.CappedWhy, StringComparison.Ordinal));
        string hint = capped == 0 ? "" : string.Create(c,
            $"; {capped} tensors stayed int8 to keep the always-on light path within +{PrecisionAnalysis.LightGrowthCap * 100:0} % (report.md names them): where both paths share them, dsl.json \"handoff\": \"audio\" gives the heavy path its own copy to make int16");
        return string.Create(c,
            $"target SNR {Target:0.#} dB not reached on the calibration audio: {string.Join(", ", Snr.Select(o => string.Create(c, $"{o.Output} {o.SnrDb:F1} dB")))} with {Chosen.Count} int16 tensors, the best dslc found; lower --target-snr or improve the calibration{hint}");
    }

    private static string Percent(double now, double int8) =>
        int8 <= 0 ? "+0 %" : ((now - int8) / int8 * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}
