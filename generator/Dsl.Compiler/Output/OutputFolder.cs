using System.Text;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Output;

/// <summary>
/// The output-folder rule: dslc replaces a folder as a whole only when it wrote everything in it (its
/// <see cref="ManifestName"/> file lists every file, relative to the folder) or when it holds no file.
/// <see cref="Claim"/> checks this before any work and refuses (exit 3) an existing file, a folder that is or
/// holds one of the model's inputs (even with force), and a folder with files dslc did not write (unless
/// force). Output is then built in a staging sibling and swapped in (<see cref="ReplaceWith"/>), or, for
/// work folders that tools fill in place, emptied and listed at the end (<see cref="Reset"/>).
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The list of files dslc wrote, at the top of every folder it owns.</summary>
    public const string ManifestName = ".dslc-output";

    private const string ManifestHeader = "# written by dslc: the files it wrote here; it replaces this folder only while it holds no other file";

    private readonly ModelInputs inputs;
    private readonly string option;
    private readonly bool force;

    private OutputFolder(string path, ModelInputs inputs, string option, bool force)
    {
        Path = path;
        this.inputs = inputs;
        this.option = option;
        this.force = force;
    }

    /// <summary>The folder (absolute).</summary>
    public string Path { get; }

    /// <summary>
    /// Checks that dslc may replace <paramref name="path"/>; call it before any compile work.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="inputs">What the run reads: never inside the folder.</param>
    /// <param name="option">How the user named the folder (e.g. <c>-o</c>), for the message.</param>
    /// <param name="force">Replace a folder that holds files dslc did not write (never the inputs).</param>
    public static OutputFolder Claim(string path, ModelInputs inputs, string option, bool force = false)
    {
        string full;
        try
        {
            full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: not a valid folder name ({e.Message}); choose another folder for {option}");
        }

        var folder = new OutputFolder(full, inputs, option, force);
        folder.Check(path);
        return folder;
    }

    /// <summary>A new, not yet existing sibling path to build the output in (same file system, so the
    /// final move is a rename).</summary>
    public string NewStaging()
    {
        string parent = Parent();
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{Path}: cannot create its folder ({e.Message}); choose another folder for {option}", e);
        }

        return System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(Path)}.dslc-staging-{Guid.NewGuid():N}");
    }

    /// <summary>Lists every file of <paramref name="staging"/> in its manifest, then swaps it in for the
    /// folder; on failure the previous folder stays in place.</summary>
    public void ReplaceWith(string staging)
    {
        Check(Path); // files may have appeared since the claim
        string old = $"{staging}-old";
        try
        {
            WriteManifest(staging);
            if (Directory.Exists(Path))
            {
                Directory.Move(Path, old);
            }

            Directory.Move(staging, Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(old) && !Directory.Exists(Path))
            {
                Directory.Move(old, Path);
            }

            throw new DslException(DslErrorCode.Io, $"{Path}: cannot write the output ({e.Message})", e);
        }

        DeleteQuietly(old);
    }

    /// <summary>Empties the folder (creating it) for tools that write in place. Disposing the result lists
    /// every file then in the folder as dslc's (all of it was written after this call), also after a failure.</summary>
    public IDisposable Reset()
    {
        string fresh = NewStaging();
        Directory.CreateDirectory(fresh);
        ReplaceWith(fresh);
        return new Listing(Path);
    }

    private void Check(string shown)
    {
        if (File.Exists(Path))
        {
            throw new DslException(DslErrorCode.Io, $"{shown}: is an existing file, not a folder; choose a folder for {option}");
        }

        if (inputs.InsideOf(Path) is { } input)
        {
            throw new DslException(DslErrorCode.Io, $"{shown}: is or holds the model's input {input}, and dslc replaces its output folder as a whole; choose another folder for {option}");
        }

        for (string? up = Parent(); up is not null; up = System.IO.Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
            {
                throw new DslException(DslErrorCode.Io, $"{shown}: {up} is a file, not a folder; choose another folder for {option}");
            }
        }

        string? foreign;
        try
        {
            foreign = force || !Directory.Exists(Path) ? null : ForeignFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{shown}: cannot look inside ({e.Message}), so dslc cannot tell whether it wrote everything there; choose another folder for {option}", e);
        }

        if (foreign is not null)
        {
            throw new DslException(DslErrorCode.Io, $"{shown}: holds '{foreign}', which dslc did not write; choose another folder for {option} or empty it (--force replaces it)");
        }
    }

    private string Parent() => System.IO.Path.GetDirectoryName(Path)
        ?? throw new DslException(DslErrorCode.Io, $"{Path}: is the root of the file system; choose another folder for {option}");

    /// <summary>The first file (or link, or other entry that is no plain folder) that neither the folder's
    /// manifest nor the manifest of a dslc folder nested in it (e.g. <c>-o out/m/board</c> inside <c>out/m</c>) lists.</summary>
    private string? ForeignFile()
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in Entries(Path))
        {
            string folder = entry.Contains('/') ? entry[..entry.LastIndexOf('/')] : string.Empty;
            // Entries come folder by folder, parents first: the lists of a folder and of every folder above
            // it are read before its files are checked.
            if (read.Add(folder))
            {
                listed.UnionWith(ReadManifest(System.IO.Path.Combine(Path, folder)).Select(f => folder.Length == 0 ? f : $"{folder}/{f}"));
            }

            if (entry[(entry.LastIndexOf('/') + 1)..] != ManifestName && !listed.Contains(entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static IEnumerable<string> ReadManifest(string folder)
    {
        var file = new FileInfo(System.IO.Path.Combine(folder, ManifestName));
        try
        {
            return file.Exists && file.LinkTarget is null
                ? File.ReadAllLines(file.FullName, Encoding.UTF8).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // an unreadable list vouches for nothing
        }
    }

    private static void WriteManifest(string folder)
    {
        IEnumerable<string> files = Entries(folder).Where(f => f != ManifestName).Order(StringComparer.Ordinal);
        File.WriteAllText(System.IO.Path.Combine(folder, ManifestName), string.Join('\n', [ManifestHeader, .. files]) + "\n", new UTF8Encoding(false));
    }

    /// <summary>Every entry below <paramref name="folder"/> that is not a plain folder (files, links,
    /// devices), relative with '/'; links are not followed.</summary>
    private static IEnumerable<string> Entries(string folder)
    {
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(folder)]);
        while (pending.Count > 0)
        {
            foreach (FileSystemInfo entry in pending.Pop().EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo { LinkTarget: null } sub)
                {
                    pending.Push(sub);
                }
                else
                {
                    yield return Relative(folder, entry.FullName);
                }
            }
        }
    }

    private static string Relative(string folder, string file) =>
        System.IO.Path.GetRelativePath(folder, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    /// <summary>Lists the folder's files in its manifest when disposed.</summary>
    private sealed class Listing(string folder) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                WriteManifest(folder);
            }
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The new output is in place; a leftover of the previous one must not fail the run.
        }
    }
}
