using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Compiler.Reporting;

/// <summary>report.json (machine-readable) and report.md (for people), deterministic.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string ToJson(ModelReport r) => JsonSerializer.Serialize(r, Json) + "\n";

    public static string ToMarkdown(ModelReport r)
    {
        var s = new StringBuilder();
        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        s.AppendLine($"# {r.Name}: dslc report");
        s.AppendLine();
        s.AppendLine($"{r.SampleRate} Hz, frame {r.FrameSamples} samples, mode `{r.Mode}`, rounding `{r.Rounding}`, hold {r.HoldFrames} frames, switch threshold (int8) {r.SwitchThresholdQ}.");
        s.AppendLine($"Handoff: {r.HandoffBytes} bytes per frame ({string.Join(", ", r.HandoffTensors.Select(t => $"`{t}`"))}); heavy path replays {r.ReplayFrames} frame(s) (receptive field {r.HeavyReceptiveFieldSamples} samples).");
        s.AppendLine();
        s.AppendLine("| path | MACs/frame | MACs/s | params | weight bytes | arena bytes | state bytes |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (PathReport p in new[] { r.Light, r.Heavy, r.Full })
        {
            s.AppendLine($"| {p.Path} | {N(p.MacsPerFrame)} | {N(p.MacsPerSecond)} | {N(p.Parameters)} | {N(p.WeightBytes)} | {N(p.ArenaBytes)} | {N(p.StateBytes)} |");
        }

        if (r.Light.MacsPerFrame > 0 && r.Light.Parameters > 0)
        {
            s.AppendLine();
            s.AppendLine($"Full model vs light path: {(double)r.Full.MacsPerFrame / r.Light.MacsPerFrame:F1}x the MACs, {(double)r.Full.Parameters / r.Light.Parameters:F1}x the parameters.");
        }

        s.AppendLine();
        s.AppendLine("| node | kind | path | output (ch x rows/frame) | MACs/frame | params | weight bytes | code | weights |");
        s.AppendLine("|---|---|---|---|---:|---:|---:|---|---|");
        foreach (LayerReport l in r.Layers)
        {
            s.AppendLine($"| `{l.Node}` | {l.Kind} | {l.Path.ToString().ToLowerInvariant()} | {l.Channels} x {l.RowsPerFrame}{(l.OutputType == "int16" ? ", int16" : "")} | {N(l.MacsPerFrame)} | {N(l.Parameters)} | {N(l.WeightBytes)} | {(l.Specialised ? "specialised" : "library")} | {(l.Parameters > 0 ? l.WeightLayout : "-")} |");
        }

        s.AppendLine();
        var which = r.SpecialiseMaxChannels == int.MaxValue
            ? "any convolution"
            : $"a transposed convolution or a convolution with at most {r.SpecialiseMaxChannels} input and output channels";
        s.AppendLine(r.SpecialiseMaxChannels == 0
            ? "code: `library` calls the runtime kernel (nothing specialised)."
            : $"code: `specialised` is {which}, "
              + "compiled as a function of its own with its shape as constants; `library` calls the runtime kernel.");
        s.AppendLine("weights: `int8` as the model has them, `pairs4` widened to int16 pairs for SMLAD (dsp cores, 2x "
                     + "the bytes and padding; chosen while the core's flash holds them); weight bytes counts int8.");
        return s.ToString();
    }
}
