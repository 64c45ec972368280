using System.Text;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Tests.Manifest;

/// <summary>dsl.json "silence_gate": on with threshold 0 when absent, both fields read, wrong values refused
/// (exit code 5, the field named).</summary>
public sealed class SilenceGateManifestTests
{
    private static readonly string TinyText = File.ReadAllText(Fixtures.TinyDsl);

    private static DslManifest Load(string silenceGate)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-silence-manifest-").FullName;
        try
        {
            string path = Path.Combine(dir, "dsl.json");
            string json = silenceGate.Length == 0
                ? TinyText
                : TinyText.Replace("\"mode\"", $"\"silence_gate\": {silenceGate},\n  \"mode\"", StringComparison.Ordinal);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(json));
            return DslManifestLoader.Load(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Absent_means_on_with_exact_zeros()
    {
        DslManifest m = Load("");
        Assert.Null(m.SilenceGate);
        Assert.Equal(new SilenceGateSettings(true, 0), m.Silence);
    }

    [Theory]
    [InlineData("{}", true, 0)]
    [InlineData("{\"enabled\": false}", false, 0)]
    [InlineData("{\"threshold\": 4}", true, 4)]
    [InlineData("{\"enabled\": true, \"threshold\": 32767}", true, 32767)]
    public void Fields_are_read(string json, bool enabled, int threshold) =>
        Assert.Equal(new SilenceGateSettings(enabled, threshold), Load(json).Silence);

    [Theory]
    [InlineData("true", "field 'silence_gate' must be an object")]
    [InlineData("{\"enabled\": \"no\"}", "field 'silence_gate.enabled' must be true or false")]
    [InlineData("{\"threshold\": -1}", "field 'silence_gate.threshold' must be an integer from 0 to 32767")]
    [InlineData("{\"threshold\": 32768}", "field 'silence_gate.threshold' must be an integer from 0 to 32767")]
    [InlineData("{\"threshold\": 1.5}", "field 'silence_gate.threshold' must be an integer")]
    public void Wrong_values_are_refused(string json, string message)
    {
        var e = Assert.Throws<DslException>(() => Load(json));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains(message, e.Message);
    }
}
