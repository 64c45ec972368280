using System.Text.RegularExpressions;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>Checks the C files of a generated folder against each other, independently of how dslc chose them:
/// every quoted include resolves (next to the including file, in the model folder, in dsl_runtime/ or in one of
/// the given core folders), and every header in dsl_runtime/ is included by some shipped file.</summary>
internal static partial class ShippedIncludes
{
    /// <summary>The problems found, one line each (empty: consistent).</summary>
    /// <param name="modelDir">The generated model folder.</param>
    /// <param name="coreDirs">Core glue folders built with it (their files are shipped too and search paths).</param>
    public static IReadOnlyList<string> Problems(string modelDir, IEnumerable<string> coreDirs)
    {
        var runtime = Path.Combine(modelDir, "dsl_runtime");
        var cores = coreDirs.ToList();
        var files = CFiles(modelDir, SearchOption.TopDirectoryOnly)
            .Concat(Directory.Exists(runtime) ? CFiles(runtime, SearchOption.AllDirectories) : [])
            .Concat(cores.SelectMany(c => CFiles(c, SearchOption.TopDirectoryOnly)))
            .ToList();
        var problems = new List<string>();
        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match m in QuotedInclude().Matches(File.ReadAllText(file)))
            {
                var name = m.Groups[1].Value;
                var found = new[] { Path.GetDirectoryName(file)!, modelDir, runtime }.Concat(cores)
                    .Select(d => Path.GetFullPath(Path.Combine(d, name)))
                    .FirstOrDefault(File.Exists);
                if (found is null)
                {
                    problems.Add($"{Path.GetRelativePath(modelDir, file)}: #include \"{name}\" resolves nowhere");
                }
                else
                {
                    included.Add(found);
                }
            }
        }

        if (Directory.Exists(runtime))
        {
            problems.AddRange(Directory.EnumerateFiles(runtime, "*.h", SearchOption.AllDirectories)
                .Where(h => !included.Contains(Path.GetFullPath(h)))
                .Select(h => $"{Path.GetRelativePath(modelDir, h)}: shipped but included by nothing shipped"));
        }

        return problems;
    }

    private static IEnumerable<string> CFiles(string dir, SearchOption depth) =>
        Directory.EnumerateFiles(dir, "*.*", depth).Where(f => Path.GetExtension(f) is ".c" or ".h").Order(StringComparer.Ordinal);

    [GeneratedRegex("^[ \\t]*#[ \\t]*include[ \\t]*\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex QuotedInclude();
}
