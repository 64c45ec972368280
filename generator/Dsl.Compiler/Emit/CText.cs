using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Emit;

/// <summary>Formatting of C literals, identifiers and comments (invariant culture, deterministic).</summary>
internal static class CText
{
    /// <summary>An int literal; INT32_MIN cannot be written as a plain negative literal in C.</summary>
    public static string Int(int value) =>
        value == int.MinValue ? "(-2147483647 - 1)" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A lower-case C identifier from a node name: runs of other characters become one '_',
    /// no leading/trailing '_' (reserved forms), never starting with a digit, never empty.
    /// </summary>
    public static string Identifier(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                sb.Append(c);
            else if (c is >= 'A' and <= 'Z')
                sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '_')
                sb.Append('_');
        }

        var id = sb.ToString().TrimEnd('_');
        if (id.Length == 0) return "node";
        return char.IsAsciiDigit(id[0]) ? "n" + id : id;
    }

    /// <summary>Text safe inside a /* */ comment: printable ASCII without '?' (trigraphs), no comment delimiters.</summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c is >= ' ' and <= '~' and not '?' ? c : '_');
        return sb.ToString().Replace("*/", "* /", StringComparison.Ordinal).Replace("/*", "/ *", StringComparison.Ordinal);
    }

    /// <summary>Array initializer body: 16 values per line, each line indented by four spaces.</summary>
    public static string ArrayBody(IReadOnlyList<int> values)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < values.Count; i += 16)
        {
            sb.Append("    ");
            var end = Math.Min(values.Count, i + 16);
            for (var j = i; j < end; j++)
            {
                sb.Append(Int(values[j]));
                if (j + 1 < values.Count) sb.Append(j + 1 < end ? ", " : ",");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
