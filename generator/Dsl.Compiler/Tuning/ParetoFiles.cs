using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dsl.Compiler.Tuning;

/// <summary>pareto.json and pareto.csv: every swept point with its front mark, invariant culture, fixed rounding, in
/// sweep order, so identical input gives identical bytes.</summary>
public static class ParetoFiles
{
    public const string JsonName = "pareto.json";
    public const string CsvName = "pareto.csv";

    /// <summary>What the figures mean, written into pareto.json.</summary>
    public const string LoadAxis = "heavy_instructions_per_s: heavy-path instructions per second, replay included, estimated from the per-kernel cost table in the kernel variant of the board's heavy core";
    public const string QualityAxis = "snr_vs_heavy_db: SNR of the routed output against the always-heavy output over all clips (null: identical on every frame)";
    public const string LsdNote = "lsd_*_db: mean over frames of the log-spectral distance of each model frame (Hann window, zero-padded FFT, power floor 1e-10)";

    public static string ToJson(TuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("model", result.Model);
            w.WriteString("board", result.Board);
            w.WriteString("heavy_core", result.HeavyCore);
            w.WriteString("variant", result.Variant);
            w.WriteNumber("receptive_field", result.ReceptiveField);
            w.WriteNumber("frames", result.Frames);
            w.WriteStartArray("clips");
            foreach (string clip in result.Clips)
            {
                w.WriteStringValue(clip);
            }

            w.WriteEndArray();
            w.WriteString("load_axis", LoadAxis);
            w.WriteString("quality_axis", QualityAxis);
            w.WriteString("lsd", LsdNote);
            w.WritePropertyName("current");
            Point(w, result.Current);
            w.WritePropertyName("always_heavy");
            Point(w, result.AlwaysHeavy);
            w.WritePropertyName("light_only");
            Point(w, result.LightOnly);
            w.WriteStartArray("points");
            foreach (TunePoint p in result.Points)
            {
                Point(w, p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string ToCsv(TuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<string> cores = result.Current.Load.Cores.Select(c => c.Core).ToList();
        var s = new StringBuilder();
        s.Append("threshold_q,threshold,hold,replay,replay_frames,exact,heavy_share,restarts_per_frame,heavy_calls_per_frame,heavy_instructions_per_s,heavy_core_load_percent,");
        s.Append(string.Concat(cores.Select(c => $"load_{c}_percent,")));
        s.Append("routed_mw,snr_vs_heavy_db,lsd_vs_heavy_db,snr_vs_input_db,lsd_vs_input_db,on_front\n");
        foreach (TunePoint p in result.Points)
        {
            RoutingSetting t = p.Setting;
            var fields = new List<string>
            {
                Int(t.ThresholdQ), Float(p.Threshold), Int(t.Hold), t.PolicyName, Int(t.ReplayFrames), t.Exact ? "1" : "0",
                Num(p.HeavyShare), Num(p.RestartsPerFrame), Num(p.HeavyCallsPerFrame), Num(p.Load.HeavyInstructionsPerSecond, 0),
                Num(p.Load.HeavyCorePercent),
            };
            fields.AddRange(cores.Select(c => Num(p.Load.Cores.First(x => x.Core == c).Percent)));
            fields.Add(p.Load.RoutedMilliwatts is { } mw ? Num(mw) : "");
            fields.Add(p.Quality.IdenticalToHeavy ? "" : Num(p.Quality.SnrVsHeavyDb));
            fields.AddRange([Num(p.Quality.LsdVsHeavyDb), Num(p.Quality.SnrVsInputDb), Num(p.Quality.LsdVsInputDb), p.OnFront ? "1" : "0"]);
            s.Append(string.Join(',', fields)).Append('\n');
        }

        return s.ToString();
    }

    private static void Point(Utf8JsonWriter w, TunePoint p)
    {
        RoutingSetting t = p.Setting;
        w.WriteStartObject();
        w.WriteNumber("threshold_q", t.ThresholdQ);
        if (float.IsFinite(p.Threshold))
        {
            w.WriteNumber("threshold", p.Threshold);
        }
        else
        {
            w.WriteNull("threshold");
        }

        w.WriteNumber("hold", t.Hold);
        w.WriteString("replay", t.PolicyName);
        w.WriteNumber("replay_frames", t.ReplayFrames);
        w.WriteBoolean("exact", t.Exact);
        w.WriteNumber("heavy_share", Round(p.HeavyShare));
        w.WriteNumber("restarts_per_frame", Round(p.RestartsPerFrame));
        w.WriteNumber("heavy_calls_per_frame", Round(p.HeavyCallsPerFrame));
        w.WriteNumber("heavy_instructions_per_s", Math.Round(p.Load.HeavyInstructionsPerSecond));
        w.WriteNumber("heavy_core_load_percent", Round(p.Load.HeavyCorePercent));
        w.WriteStartObject("core_load_percent");
        foreach (CorePercent c in p.Load.Cores)
        {
            w.WriteNumber(c.Core, Round(c.Percent));
        }

        w.WriteEndObject();
        if (p.Load.RoutedMilliwatts is { } mw)
        {
            w.WriteNumber("routed_mw", Round(mw));
        }
        else
        {
            w.WriteNull("routed_mw");
        }

        if (p.Quality.IdenticalToHeavy)
        {
            w.WriteNull("snr_vs_heavy_db");
        }
        else
        {
            w.WriteNumber("snr_vs_heavy_db", Round(p.Quality.SnrVsHeavyDb));
        }

        w.WriteNumber("lsd_vs_heavy_db", Round(p.Quality.LsdVsHeavyDb));
        w.WriteNumber("snr_vs_input_db", Round(p.Quality.SnrVsInputDb));
        w.WriteNumber("lsd_vs_input_db", Round(p.Quality.LsdVsInputDb));
        w.WriteBoolean("on_front", p.OnFront);
        w.WriteEndObject();
    }

    private static double Round(double v) => Math.Round(v, 4);

    private static string Num(double v, int decimals = 4) => Math.Round(v, decimals).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Float(float v) => float.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
