using System.Globalization;
using System.Text;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Validation;

/// <summary>
/// What 'dslc run' writes for a classifier head instead of a WAV (docs/classifier-heads.md): one row per frame with
/// its start time in seconds, whether it was gated, its label and one column per class score.
/// </summary>
public static class ClassScoresCsv
{
    /// <summary>One frame: gated or not and its scores (integer codes, or float logits; null: not computed, a gated
    /// frame of the float reference).</summary>
    public sealed record Row(bool Gated, IReadOnlyList<string>? Scores, int Label);

    public static string Text(ClassHeadProgram head, int frameSamples, int sampleRate, IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder("frame,time,gated,label");
        foreach (string label in head.Head.Labels)
        {
            sb.Append(',').Append(Quote(label));
        }

        sb.Append('\n');
        for (int f = 0; f < rows.Count; f++)
        {
            Row r = rows[f];
            double time = (double)f * frameSamples / sampleRate;
            string label = r.Label >= 0 ? Quote(head.Head.Labels[r.Label]) : "";
            sb.Append(CultureInfo.InvariantCulture, $"{f},{time:0.######},{(r.Gated ? 1 : 0)},{label}");
            for (int c = 0; c < head.Count; c++)
            {
                sb.Append(',').Append(r.Scores?[c] ?? "");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A CSV field: quoted when it holds a comma, quote or line break.</summary>
    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
