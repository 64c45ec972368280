using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>A C# string literal of any text (a class label): printable ASCII as is, the rest as \u escapes.</summary>
internal static class CSharpStringLiteral
{
    public static string Of(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is >= ' ' and <= '~' && c is not ('"' or '\\'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return sb.Append('"').ToString();
    }
}
