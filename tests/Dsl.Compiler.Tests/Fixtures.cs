namespace Dsl.Compiler.Tests;

/// <summary>Paths of the committed test fixtures and the shipped models.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string TinyDsl => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_dsl", "dsl.json");

    /// <summary>The tiny model's test clip (not used for calibration).</summary>
    public static string TinyDslTestAudio => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_dsl", "test", "synth.wav");

    /// <summary>A gate-mode model with a classifier head (16 kHz, 5 classes; docs/classifier-heads.md).</summary>
    public static string TinyGc => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_gc", "dsl.json");

    /// <summary>The same at 8 kHz with another frame and class count (3 classes).</summary>
    public static string TinyGc8k => Path.Combine(RepoRoot, "tests", "fixtures", "tiny_gc_8k", "dsl.json");

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
