using System.Text;
using System.Text.Json;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Validation;

/// <summary>The <see cref="QualityReport"/> as JSON (schema in docs/quality-report.md), written atomically.</summary>
public static class QualityReportJson
{
    public static string ToJson(QualityReport r)
    {
        if (r.Validations.Count != r.Quality.Count)
        {
            throw new ArgumentException($"{r.Validations.Count} validated clips but {r.Quality.Count} measured", nameof(r));
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "dslc-quality-report");
            w.WriteNumber("schema_version", QualityReport.SchemaVersion);
            w.WriteString("model", r.Model);
            w.WriteString("target", r.Target);
            w.WriteString("rounding", r.Rounding);
            ValidationVerdict verdict = r.Verdict;
            w.WriteBoolean("bit_exact", verdict.BitExact);
            w.WriteString("first_difference", verdict.FirstDifference);
            w.WriteStartObject("level_rule");
            w.WriteString("measure", "RMS of the frame's int16 input samples, 20*log10(rms/32768) dBFS");
            w.WriteNumber("quiet_below_dbfs", InputLevels.QuietBelowDbfs);
            w.WriteNumber("loud_above_dbfs", InputLevels.LoudAboveDbfs);
            w.WriteEndObject();
            w.WriteStartObject("saturation_rule");
            w.WriteNumber("warn_share", SaturationRule.WarnShare);
            w.WriteBoolean("warn_on_any_audio_output_clip", true);
            w.WriteEndObject();
            w.WriteStartArray("clips");
            for (int i = 0; i < r.Validations.Count; i++)
            {
                WriteClip(w, r.Validations[i], r.Quality[i]);
            }

            w.WriteEndArray();
            if (r.Layers is null)
            {
                w.WriteNull("worst_tensors");
            }
            else
            {
                w.WriteStartObject("worst_tensors");
                w.WriteString("clip", r.LayersClip);
                w.WriteStartArray("tensors");
                foreach (LayerErrorProbe.LayerSnr l in r.Layers)
                {
                    w.WriteStartObject();
                    w.WriteString("tensor", l.Tensor);
                    w.WriteNumber("snr_db", Round(l.SnrDb));
                    w.WriteNumber("scale", l.Scale);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the report to <paramref name="path"/> through a temporary file in the same folder renamed
    /// into place, so the path holds either its previous content or the whole report, never part of one.</summary>
    public static void Write(QualityReport report, string path) =>
        OutputFile.Write(path, new UTF8Encoding(false).GetBytes(ToJson(report)),
            e => $"{path}: cannot write the quality report ({e.Message}); choose another file for --json");

    private static void WriteClip(Utf8JsonWriter w, ClipValidation v, ClipQuality q)
    {
        w.WriteStartObject();
        w.WriteString("clip", Path.GetFileName(v.Clip));
        w.WriteBoolean("bit_exact", v.Failure is null);
        w.WriteString("failure", v.Failure);
        w.WriteNumber("frames", v.Comparison.Frames);
        w.WriteNumber("heavy_frames", v.Comparison.HeavyFrames);
        w.WriteNumber("replayed_frames", v.Comparison.ReplayedFrames);
        if (double.IsNaN(q.SnrDb))
        {
            w.WriteNull("snr_db");
        }
        else
        {
            w.WriteNumber("snr_db", Round(q.SnrDb));
        }

        if (q.Classification is { } c)
        {
            w.WriteStartObject("classification");
            w.WriteNumber("label_agreement", Round(c.LabelAgreement));
            w.WriteNumber("always_heavy_label_agreement", Round(c.HeavyLabelAgreement));
            w.WriteNumber("gated_rate", Round(c.GatedRate));
            w.WriteNumber("float_gated_rate", Round(c.FloatGatedRate));
            w.WriteNumber("max_score_error_steps", Round(c.MaxScoreErrorSteps));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("classification");
        }

        w.WriteStartObject("levels");
        foreach (LevelSnr l in q.Levels)
        {
            w.WriteStartObject(l.Level.ToString().ToLowerInvariant());
            w.WriteNumber("frames", l.Frames);
            if (l.SnrDb is { } snr)
            {
                w.WriteNumber("snr_db", Round(snr));
            }
            else
            {
                w.WriteNull("snr_db");
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("clamps");
        foreach (TensorClamps t in q.Clamps)
        {
            w.WriteStartObject();
            w.WriteString("tensor", t.Tensor);
            w.WriteString("node", t.Node);
            w.WriteNumber("values", t.Values);
            w.WriteNumber("clamped", t.Clamped);
            w.WriteNumber("share", t.Share);
            w.WriteBoolean("audio_output", t.AudioOutput);
            w.WriteBoolean("pre_activation", t.PreActivation);
            w.WriteBoolean("saturates", SaturationRule.Saturates(t));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (string warning in SaturationRule.Warnings(Path.GetFileName(v.Clip), q.Clamps))
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        if (v.TwoCores is { } two)
        {
            w.WriteStartObject("two_cores");
            w.WriteNumber("latency_frames", two.Lockstep.Latency);
            WriteRouting(w, "lockstep", two.Lockstep);
            if (two.Paced is null)
            {
                w.WriteNull("paced");
            }
            else
            {
                WriteRouting(w, "paced", two.Paced);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("two_cores");
        }

        w.WriteEndObject();
    }

    private static void WriteRouting(Utf8JsonWriter w, string name, RoutingLog log)
    {
        w.WriteStartObject(name);
        w.WriteNumber("period_instructions", log.PeriodInstructions);
        w.WriteNumber("late", log.Late);
        w.WriteNumber("lost", log.Lost);
        w.WriteNumber("overruns", log.Overruns);
        w.WriteEndObject();
    }

    private static double Round(double v) => Math.Round(v, 3);
}
