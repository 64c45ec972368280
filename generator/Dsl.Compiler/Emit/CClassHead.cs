using System.Globalization;
using System.Text;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The template variables of the heavy output's C form: int16 audio of FRAME_SAMPLES, or a classifier head's
/// scores (docs/classifier-heads.md) with its macros, labels and gated values.
/// </summary>
internal static class CClassHead
{
    /// <summary>out_t / out_n (the heavy and routed output's element type and length), class_head and head.</summary>
    public static Dictionary<string, object> Variables(ModelProgram program, string upper)
    {
        if (program.Classes is not { } c)
        {
            return new Dictionary<string, object>
            {
                ["out_t"] = "int16_t", ["out_n"] = $"{upper}_FRAME_SAMPLES", ["class_head"] = false,
                ["head"] = new Dictionary<string, object>(),
            };
        }

        string outUpper = $"{upper}_{c.CName.ToUpperInvariant()}";
        string type = c.ElementBytes == 2 ? "int16_t" : "int8_t";
        (int scaleQ, int scaleShift) = c.FixedScale;
        var head = new Dictionary<string, object>
        {
            ["out"] = c.CName,
            ["out_upper"] = outUpper,
            ["output_comment"] = CText.Comment(c.Output),
            ["type"] = type,
            ["bits"] = 8 * c.ElementBytes,
            ["count"] = c.Count,
            ["zero_point"] = CText.Int(c.Quant.ZeroPoint),
            ["scale_q"] = CText.Int(scaleQ),
            ["scale_shift"] = scaleShift,
            ["scale_comment"] = c.Quant.Scale.ToString("G6", CultureInfo.InvariantCulture),
            ["negative"] = c.NegativeIndex,
            ["negative_comment"] = c.Head.NegativeClass is { } n ? CText.Comment(n) : "none",
            ["min"] = CText.Int(c.Min),
            ["max"] = CText.Int(c.Max),
            ["labels"] = c.Head.Labels.Select((label, i) => new Dictionary<string, object>
            {
                ["macro"] = $"{outUpper}_CLASS_{c.Head.MacroNames[i]}",
                ["index"] = i,
                ["literal"] = StringLiteral(label),
                ["comment"] = CText.Comment(label),
            }).ToList(),
        };
        return new Dictionary<string, object>
        {
            ["out_t"] = type, ["out_n"] = $"{outUpper}_CLASSES", ["class_head"] = true, ["head"] = head,
        };
    }

    /// <summary>A C string literal of the label's UTF-8 bytes: printable ASCII as is, the rest as octal escapes
    /// ('"', '\\' and '?' too: no escape or trigraph surprises).</summary>
    public static string StringLiteral(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x7e && b is not ((byte)'"' or (byte)'\\' or (byte)'?'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
        }

        return sb.Append('"').ToString();
    }
}
