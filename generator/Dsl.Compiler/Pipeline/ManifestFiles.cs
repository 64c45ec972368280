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
            string[] found;
            try
            {
                string full = Path.Combine(manifest.Directory, pattern);
                string? dir = Path.GetDirectoryName(full);
                string mask = Path.GetFileName(full);
                found = dir is not null && mask.Length > 0 && Directory.Exists(dir) ? Directory.GetFiles(dir, mask) : Array.Empty<string>();
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                // The loader refuses characters no path can hold; this is what the file system still rejects.
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: '{field}' pattern '{pattern}' cannot be searched ({e.Message}); give a relative path or glob such as \"{field}/*.wav\"", e);
            }

            if (found.Length == 0)
            {
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: '{field}' pattern '{pattern}' matches no file");
            }

            files.AddRange(found.OrderBy(f => f, StringComparer.Ordinal));
        }

        return files;
    }
}
