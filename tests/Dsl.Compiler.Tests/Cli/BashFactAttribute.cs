namespace Dsl.Compiler.Tests.Cli;

/// <summary>A fact that needs bash on PATH; skipped (with the reason) where there is none.</summary>
public sealed class BashFactAttribute : FactAttribute
{
    public BashFactAttribute()
    {
        if (BashPath is null)
        {
            Skip = "bash is not on PATH";
        }
    }

    /// <summary>bash's full path, or null.</summary>
    public static string? BashPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => System.IO.Path.Combine(d, "bash"))
            .FirstOrDefault(File.Exists);
}
