namespace Dsl.Compiler.Tests.Tuning;

/// <summary>A copy of the tiny fixture in a fresh temporary folder: --budget rewrites dsl.json, never the repository's.</summary>
public static class TinyFixtureCopy
{
    /// <summary>The copy's dsl.json.</summary>
    public static string Make()
    {
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        string target = Path.Combine(Directory.CreateTempSubdirectory("dslc-tune-").FullName, "tiny_dsl");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return Path.Combine(target, "dsl.json");
    }
}
