namespace Dsl.Compiler.Output;

/// <summary>
/// Where a verb with a <c>--work</c> option builds and runs: the folder the user gave (kept), else a fresh folder
/// of this invocation under the system temporary folder, so parallel runs (CI jobs, shards) never share one; dslc
/// removes that folder at the end (disposal) unless asked to keep it, and only if it created it.
/// </summary>
public sealed class WorkFolder : IDisposable
{
    private readonly bool remove;
    private readonly Action<string> info;

    private WorkFolder(string path, bool temporary, bool remove, Action<string> info)
    {
        Path = path;
        IsTemporary = temporary;
        this.remove = remove;
        this.info = info;
    }

    /// <summary>The folder (to claim with <see cref="OutputFolder.Claim"/>).</summary>
    public string Path { get; }

    /// <summary>True when dslc chose the folder (no <c>--work</c>).</summary>
    public bool IsTemporary { get; }

    /// <param name="given">The user's <c>--work</c>, or null.</param>
    /// <param name="verb">The verb, in the temporary folder's name (e.g. validate).</param>
    /// <param name="model">The model's C name, in the temporary folder's name.</param>
    /// <param name="keep">Keep the temporary folder (<c>--keep-work</c>); its path is reported.</param>
    /// <param name="info">Progress lines (where the folder is).</param>
    public static WorkFolder Of(string? given, string verb, string model, bool keep, Action<string> info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (given is not null)
        {
            return new WorkFolder(given, temporary: false, remove: false, info);
        }

        string path;
        do
        {
            path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dslc-{verb}-{model}-{Guid.NewGuid():N}");
        }
        while (Directory.Exists(path) || File.Exists(path)); // never adopt (and later delete) a folder dslc did not create

        return new WorkFolder(path, temporary: true, remove: !keep, info);
    }

    public void Dispose()
    {
        if (!IsTemporary || !Directory.Exists(Path))
        {
            return;
        }

        if (!remove)
        {
            info($"work folder kept: {Path}");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            info($"work folder {Path} not removed: {e.Message}"); // the run's result stands; a leftover is no failure
        }
    }
}
