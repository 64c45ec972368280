using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Pipeline;

namespace Dsl.Compiler.Audio;

/// <summary>
/// The WAVs an <c>-a</c> option names: a file as given, a folder as its *.wav (sorted, ordinal), a glob
/// ("clips/*.wav") as its matches (sorted, like dsl.json's globs). An argument that names nothing is one
/// error line naming it, before any work starts.
/// </summary>
public static class AudioArguments
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, string option)
    {
        var files = new List<string>();
        foreach (string argument in arguments)
        {
            files.AddRange(ExpandOne(argument, option));
        }

        return files;
    }

    /// <summary>The one WAV an option takes: a file, or a folder or glob that holds exactly one.</summary>
    public static string One(string argument, string option)
    {
        IReadOnlyList<string> files = ExpandOne(argument, option);
        return files.Count == 1
            ? files[0]
            : throw new DslException(DslErrorCode.Usage, $"{option} {argument}: matches {files.Count} WAVs ({Path.GetFileName(files[0])}, {Path.GetFileName(files[1])}, ...); this verb takes one");
    }

    private static IReadOnlyList<string> ExpandOne(string argument, string option)
    {
        if (File.Exists(argument))
        {
            return [argument];
        }

        IReadOnlyList<string> found;
        bool folder = Directory.Exists(argument);
        try
        {
            found = folder ? FilePattern.Matches(Path.Combine(argument, "*.wav"))
                : FilePattern.HasWildcard(argument) ? FilePattern.Matches(argument)
                : [];
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{option} {argument}: cannot be searched ({e.Message})", e);
        }

        if (found.Count > 0)
        {
            return found;
        }

        string why = folder ? "folder holds no .wav file"
            : FilePattern.HasWildcard(argument) ? "matches no file (wildcards in the file name only, e.g. clips/*.wav)"
            : "not found";
        throw new DslException(DslErrorCode.Io, $"{option} {argument}: {why}; give WAV files, folders of WAVs or globs");
    }
}
