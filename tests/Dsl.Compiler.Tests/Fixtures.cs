namespace Dsl.Compiler.Tests;

/// <summary>Paths of the committed test fixtures and the shipped models.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string TinyDsl => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_dsl", "dsl.json");

    public static string Path_(params string[] parts) => Path.Combine(new[] { RepoRoot }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "dsl-embedded.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("dsl-embedded.sln not found above the test binaries");
    }
}
