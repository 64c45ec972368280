using System.Globalization;
using System.Text;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Reporting;

/// <summary>The "Precision" section of report.md: what each tensor got and why, the SNR reached, the cost against
/// all-int8 (precision.json holds the same, machine-readable).</summary>
public static class PrecisionSection
{
    /// <param name="headroom">How far the int16 tensors reach beyond their calibrated ranges.</param>
    public static string ToMarkdown(PrecisionChoice p, Int16Headroom headroom)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        string Snr(IReadOnlyList<OutputSnr> snr) => snr.Count == 0 ? "not measured" : string.Join(", ", snr.Select(o => string.Create(c, $"{o.Output} {o.SnrDb:F1} dB")));
        s.AppendLine();
        s.AppendLine("## Precision");
        s.AppendLine();
        string how = p.Source switch
        {
            "int16-option" => "given by --int16 (or dsl.json's int16_tensors): no search",
            "off" => "--target-snr off: int8 everywhere",
            _ => string.Create(c, $"chosen by the precision search for a target of {p.Target:0.#} dB SNR against the float model on every audio output, always-heavy, on {p.EvaluationFrames} frames of calibration audio ({p.Evaluations} candidates run){(p.Met ? "" : ": **target not reached**, all eligible tensors int16")}"),
        };
        s.AppendLine(string.Create(c, $"{p.Chosen.Count} of {p.Tensors.Count(t => t.Eligible)} eligible activation tensors are int16, {how}."));
        s.AppendLine($"SNR: {Snr(p.Snr)}; all-int8: {Snr(p.Int8Snr)}.");
        if (p.Chosen.Count > 0)
        {
            s.AppendLine($"Int16 tensors (and their curve inputs) reach {headroom} beyond their calibrated ranges before they clamp (int16_headroom_db).");
        }

        s.AppendLine();
        s.AppendLine("Estimated instructions per frame (light frame; one heavy call) and bytes, this model vs all-int8 (estimates of instructions from per-kernel figures, not cycles):");
        s.AppendLine();
        s.AppendLine("| variant | light | light all-int8 | heavy | heavy all-int8 |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (VariantInstructions v in p.Cost.Instructions)
        {
            VariantInstructions b = p.Int8Cost.Instructions.First(i => i.Variant == v.Variant);
            s.AppendLine(string.Create(c, $"| {v.Variant} | {v.Light:N0} | {b.Light:N0} | {v.Heavy:N0} | {b.Heavy:N0} |"));
        }

        s.AppendLine();
        s.AppendLine("| bytes | arena light | state light | arena heavy | state heavy | handoff ring | constants | total |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string name, CandidateBytes b) in new[] { ("this model", p.Cost.Bytes), ("all-int8", p.Int8Cost.Bytes) })
        {
            s.AppendLine(string.Create(c, $"| {name} | {b.LightArena:N0} | {b.LightState:N0} | {b.HeavyArena:N0} | {b.HeavyState:N0} | {b.HandoffRing:N0} | {b.Weights:N0} | {b.Total:N0} |"));
        }

        s.AppendLine();
        s.AppendLine($"Per tensor: the gain is the SNR (dB) it adds alone toward the target, summed over the outputs below it; instructions (per frame, both paths, {CandidateCost.ObjectiveVariant} kernels) and bytes are what it costs alone against all-int8.");
        s.AppendLine();
        s.AppendLine("| tensor | precision | gain dB | + instructions | + bytes | why |");
        s.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (TensorPrecision t in p.Tensors)
        {
            string gain = t.GainDb is { } g ? g.ToString("F2", c) : "-";
            string instr = t.Instructions is { } i ? i.ToString("N0", c) : "-";
            string bytes = t.Bytes is { } by ? by.ToString("N0", c) : "-";
            s.AppendLine($"| `{t.Tensor}` | {t.Precision} | {gain} | {instr} | {bytes} | {t.Why} |");
        }

        if (p.UnmeasuredOps.Count > 0)
        {
            s.AppendLine();
            s.AppendLine($"Not measured yet (provisional instruction figures): {string.Join(", ", p.UnmeasuredOps.Select(o => $"`{o}`"))}.");
        }

        return s.ToString();
    }
}
