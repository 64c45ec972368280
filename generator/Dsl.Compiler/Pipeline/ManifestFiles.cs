using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Pipeline;

/// <summary>Resolves dsl.json's file patterns ("calibration/*.wav") to sorted paths.</summary>
public static class ManifestFiles
{
    public static IReadOnlyList<string> Expand(DslManifest manifest, IReadOnlyList<string> patterns, string field)
    {
        var files = new List<string>();
        foreach (string pattern in patterns)
        {
            IReadOnlyList<string> found;
            try
            {
                found = FilePattern.Matches(Path.Combine(manifest.Directory, pattern));
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                // The loader refuses characters no path can hold; this is what the file system still rejects.
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: '{field}' pattern '{pattern}' cannot be searched ({e.Message}); give a relative path or glob such as \"{field}/*.wav\"", e);
            }

            if (found.Count == 0)
            {
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: '{field}' pattern '{pattern}' matches no file");
            }

            files.AddRange(found);
        }

        return files;
    }
}
