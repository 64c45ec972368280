using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Output;

/// <summary>
/// What a dslc run reads and must never delete or overwrite: the model's folder, dsl.json, the ONNX file,
/// the folders its calibration and test patterns look in, and files named on the command line (audio,
/// board profile). An output folder may not be one of them or hold one; an output file may not be one.
/// </summary>
public sealed class ModelInputs
{
    private readonly IReadOnlyList<(string Canonical, string Shown)> paths;

    private ModelInputs(IReadOnlyList<(string Canonical, string Shown)> paths)
    {
        this.paths = paths;
    }

    /// <summary>No inputs (a folder written from data in memory).</summary>
    public static ModelInputs None { get; } = new([]);

    /// <summary>The model's own inputs plus <paramref name="files"/> (null entries are skipped).</summary>
    public static ModelInputs Of(DslManifest manifest, IEnumerable<string?> files)
    {
        var shown = new List<string> { manifest.Directory, manifest.Path, manifest.ModelPath };
        foreach (string pattern in manifest.CalibrationPatterns.Concat(manifest.TestPatterns))
        {
            // The folder a pattern looks in holds the audio; a pattern that is no valid path reads
            // nothing, and the compiler reports it.
            if (!pattern.Contains('\0') && Path.GetDirectoryName(Path.Combine(manifest.Directory, pattern)) is { } folder)
            {
                shown.Add(folder);
            }
        }

        return None.With(shown.Concat(files));
    }

    /// <summary>These inputs and <paramref name="files"/> (null entries are skipped).</summary>
    public ModelInputs With(IEnumerable<string?> files)
    {
        var list = paths.ToList();
        foreach (string? f in files)
        {
            if (!string.IsNullOrEmpty(f) && !f.Contains('\0'))
            {
                list.Add((CanonicalPath.Of(f), f));
            }
        }

        return new ModelInputs(list);
    }

    /// <summary>The first input that is <paramref name="folder"/> or lies inside it, or null.</summary>
    public string? InsideOf(string folder)
    {
        string canonical = CanonicalPath.Of(folder);
        return paths.FirstOrDefault(p => CanonicalPath.IsAtOrUnder(p.Canonical, canonical)).Shown;
    }

    /// <summary>Refuses an output file that is one of the inputs, or an existing folder.</summary>
    public void RefuseAsOutputFile(string file, string option)
    {
        if (Directory.Exists(file))
        {
            throw new DslException(DslErrorCode.Io, $"{file}: is a folder; {option} takes a file name: choose another file");
        }

        string canonical = CanonicalPath.Of(file);
        foreach ((string c, string shown) in paths)
        {
            if (CanonicalPath.IsAtOrUnder(c, canonical))
            {
                throw new DslException(DslErrorCode.Io, $"{file}: is the input {shown}, which dslc never overwrites; choose another file for {option}");
            }
        }
    }
}
