namespace Dsl.Compiler.Tests;

/// <summary>Paths of the committed test fixtures and the shipped models.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string TinyDsl => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_dsl", "dsl.json");

    /// <summary>The tiny model's test clip (not used for calibration).</summary>
    public static string TinyDslTestAudio => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_dsl", "test", "synth.wav");

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
