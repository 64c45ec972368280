using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// The cache key of a calibration run: SHA-256 over everything its ranges depend on: the cache format, the build
/// of dslc (its compiler assembly's module id: a rebuilt dslc with other passes or another float reference never
/// reads an old entry), dsl.json and the ONNX model by content, the calibration audio (name and content, sorted:
/// the ranges do not depend on the order of the clips), the gains the clips are run at and the trace length the
/// graph is resolved with. The range estimator is not in it: it reads the ranges, it does not make them.
/// </summary>
public static class CalibrationKey
{
    public static string Of(string manifestPath, string modelPath, IEnumerable<string> calibrationFiles, IReadOnlyList<double> gainsDb, int traceFrames)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        Add("dslc calibration cache " + CalibrationRangesJson.FormatVersion);
        Add(typeof(CalibrationKey).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(ContentHash(manifestPath));
        Add(ContentHash(modelPath));
        var clips = calibrationFiles.Select(f => Path.GetFileName(f) + "\n" + ContentHash(f)).Order(StringComparer.Ordinal).ToList();
        Add("clips " + clips.Count.ToString(CultureInfo.InvariantCulture));
        foreach (string clip in clips)
        {
            Add(clip);
        }

        Add("gains " + string.Join(',', gainsDb.Select(g => g.ToString("R", CultureInfo.InvariantCulture))));
        Add("trace_frames " + traceFrames.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string ContentHash(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
