using System.Text;
using System.Text.RegularExpressions;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Which runtime headers C sources need: the transitive closure of their <c>#include "..."</c> lines over the
/// headers of one folder (runtime-c/include). Read from the text, not from a hand list, so a new kernel or
/// template include cannot drift from what the output ships. Conditional includes count as needed (the
/// preprocessor is not run), which errs on the side of shipping a header.
/// </summary>
internal static partial class IncludeClosure
{
    /// <summary>The names of the headers in <paramref name="headerDir"/> that <paramref name="sources"/> include,
    /// directly or through each other. An include names a header by its file name alone or under
    /// <paramref name="folderPrefix"/> (as the emitted model does: <c>dsl_runtime/dsl_kernels.h</c>);
    /// includes of other files are left to their own folders.</summary>
    public static SortedSet<string> Of(IEnumerable<string> sources, string headerDir, string folderPrefix)
    {
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(sources);
        while (pending.Count > 0)
        {
            foreach (var name in Includes(pending.Pop()))
            {
                var header = name.StartsWith(folderPrefix + "/", StringComparison.Ordinal) ? name[(folderPrefix.Length + 1)..] : name;
                var file = Path.Combine(headerDir, header);
                if (header.Contains('/', StringComparison.Ordinal) || !File.Exists(file) || !needed.Add(header)) continue;
                pending.Push(File.ReadAllText(file));
            }
        }

        return needed;
    }

    /// <summary>The quoted include names of a C source, in order.</summary>
    public static IEnumerable<string> Includes(string source) =>
        QuotedInclude().Matches(source).Select(m => m.Groups[1].Value);

    /// <summary>The same for a source given as bytes (ASCII / UTF-8).</summary>
    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [GeneratedRegex("^[ \\t]*#[ \\t]*include[ \\t]*\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex QuotedInclude();
}
