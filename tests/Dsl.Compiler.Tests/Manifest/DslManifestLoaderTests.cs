using System.Text;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;

namespace Dsl.Compiler.Tests.Manifest;

/// <summary>dsl.json inputs that used to be accepted silently or crash later: each is refused at load,
/// with exit code 5 and the field or key named.</summary>
public sealed class DslManifestLoaderTests
{
    private static readonly string TinyText = File.ReadAllText(Fixtures.TinyDsl);

    /// <summary>Writes <paramref name="bytes"/> as dsl.json next to a copy of nothing else, loads it.</summary>
    private static DslManifest LoadBytes(byte[] bytes)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-manifest-").FullName;
        try
        {
            string path = Path.Combine(dir, "dsl.json");
            File.WriteAllBytes(path, bytes);
            return DslManifestLoader.Load(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static DslException Refused(string json, params string[] fragments) => Refused(Encoding.UTF8.GetBytes(json), fragments);

    private static DslException Refused(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<DslException>(() => LoadBytes(bytes));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("dsl.json: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (string f in fragments)
        {
            Assert.Contains(f, e.Message);
        }

        return e;
    }

    [Fact]
    public void The_tiny_fixture_loads()
    {
        DslManifest m = LoadBytes(Encoding.UTF8.GetBytes(TinyText));
        Assert.Equal("tiny_dsl", m.Name);
        Assert.Equal(0.2909f, m.Threshold);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        Assert.Equal("tiny_dsl", LoadBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(TinyText)]).Name);
    }

    [Theory]
    [InlineData("\"hold\": 2", "\"hold\": 2, \"hold\": 3", "switch.hold")]
    [InlineData("\"frame\": 32", "\"frame\": 32, \"frame\": 64", "'frame'")]
    public void Duplicate_keys_are_refused_naming_the_key(string from, string to, string key)
    {
        Refused(TinyText.Replace(from, to, StringComparison.Ordinal), key, "more than once");
    }

    [Fact]
    public void A_key_that_is_not_utf8_is_refused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(TinyText.Replace("\"mode\"", "\"mo@e\"", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xC3; // a lead byte followed by 'e': not UTF-8
        Refused(bytes, "not valid UTF-8");
    }

    [Theory]
    [InlineData("tiny-dsl")]
    [InlineData("tiny dsl")]
    [InlineData("tiny.dsl")]
    [InlineData("_tiny")]
    [InlineData("9tiny")]
    [InlineData("tïny")]
    [InlineData("a_name_that_is_much_too_long_for_a_c_prefix")]
    public void A_name_that_is_not_a_c_identifier_is_refused_saying_what_is_valid(string name)
    {
        Refused(TinyText.Replace("\"tiny_dsl\"", $"\"{name}\"", StringComparison.Ordinal), "field 'name'", "a letter followed by letters, digits or '_'");
    }

    [Theory]
    [InlineData("1e39")]
    [InlineData("-1e39")]
    [InlineData("1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void A_threshold_outside_float_range_is_blamed_on_the_field(string value)
    {
        Refused(TinyText.Replace("0.2909", value, StringComparison.Ordinal), "field 'switch.threshold'", "finite number");
    }

    [Theory]
    [InlineData("calibration", "calibration/\\u0000*.wav")]
    [InlineData("calibration", "calibration/*.wav\\n")]
    [InlineData("test", "")]
    public void A_glob_with_a_character_no_path_can_hold_is_refused_naming_the_field(string field, string pattern)
    {
        string original = field == "test" ? "\"test/*.wav\"" : "\"calibration/*.wav\"";
        Refused(TinyText.Replace(original, $"\"{pattern}\"", StringComparison.Ordinal), $"field '{field}'", "calibration/*.wav");
    }

    [Fact]
    public void A_pattern_the_file_system_rejects_is_a_manifest_error_not_a_crash()
    {
        // The loader cannot know every rule of every file system; the expansion reports what is left.
        DslManifest m = DslManifestLoader.Load(Fixtures.TinyDsl) with { CalibrationPatterns = ["calibration/\0.wav"] };
        var e = Assert.Throws<DslException>(() => ManifestFiles.Expand(m, m.CalibrationPatterns, "calibration"));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("'calibration' pattern", e.Message);
    }
}
