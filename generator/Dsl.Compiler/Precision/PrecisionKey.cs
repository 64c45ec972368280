using System.Security.Cryptography;
using System.Text;

namespace Dsl.Compiler.Precision;

/// <summary>
/// The cache key of a precision decision: SHA-256 over every file it reads (dsl.json, the ONNX model, the
/// calibration audio, by content and name) and every setting (estimator, gains, rounding, target, the eligibility of
/// each tensor), plus the build of dslc itself (its compiler assembly's module id, so a rebuilt dslc searches again).
/// </summary>
public static class PrecisionKey
{
    public static string Of(IEnumerable<string> files, IEnumerable<string> settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        Add(typeof(PrecisionKey).Assembly.ManifestModule.ModuleVersionId.ToString());
        foreach (string file in files)
        {
            Add(Path.GetFileName(file));
            byte[] content = File.ReadAllBytes(file);
            hash.AppendData(BitConverter.GetBytes(content.LongLength));
            hash.AppendData(content);
        }

        foreach (string setting in settings)
        {
            Add(setting);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
