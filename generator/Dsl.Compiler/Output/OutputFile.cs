using System.Text;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Output;

/// <summary>
/// A result file a verb writes at its end (a report, a table): its folder is made and proven writable
/// before the work starts, so a bad path fails at once rather than after a long run; the file is written
/// atomically (a temporary file in the same folder renamed into place, never half a file).
/// </summary>
public static class OutputFile
{
    /// <summary>Creates <paramref name="path"/>'s folder and proves it writable with a probe file, or throws an
    /// Io error naming <paramref name="option"/>.</summary>
    public static void Prepare(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new DslException(DslErrorCode.Io, $"{path}: is a folder; give a file name for {option}");
        }

        string folder = Path.GetDirectoryName(full)!;
        string probe = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: its folder {folder} cannot be written ({e.Message}); choose another file for {option}", e);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/> atomically;
    /// a failure is an Io error naming <paramref name="option"/>.</summary>
    public static void Write(string path, string text, string option) =>
        Write(path, new UTF8Encoding(false).GetBytes(text), e => $"{path}: cannot write ({e.Message}); choose another file for {option}");

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (creating its folder): a temporary file in
    /// the same folder renamed into place, so the path holds its previous content or all of the new, and no temporary
    /// is left behind. A failure is an Io error with the message <paramref name="failure"/> makes of the cause.
    /// </summary>
    public static void Write(string path, byte[] bytes, Func<Exception, string> failure)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(failure);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, failure(e), e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
