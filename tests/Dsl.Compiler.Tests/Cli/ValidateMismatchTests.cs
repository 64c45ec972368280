using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// <c>dslc validate</c> says "no": one weight of the emitted C changed by one step makes it exit 10
/// (mismatch) naming the clip and the first differing frame; the unchanged C passes (the control).
/// </summary>
public sealed partial class ValidateMismatchTests
{
    private static string Generate()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("dslc-validate-").FullName, "tiny_dsl");
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "-o", dir, "-q");
        Assert.True(r.Code == 0, r.StdErr);
        return dir;
    }

    /// <summary>Changes the first element of the first int8 weight array in <paramref name="file"/> by one.</summary>
    private static void NudgeFirstWeight(string file)
    {
        string text = File.ReadAllText(file);
        Match m = FirstWeight().Match(text);
        Assert.True(m.Success, $"{file}: no int8 weight array");
        int v = int.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
        string nudged = (v == 127 ? 126 : v + 1).ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(file, text[..m.Groups["v"].Index] + nudged + text[(m.Groups["v"].Index + m.Groups["v"].Length)..]);
    }

    private static DslcProcess.Result Validate(string emitted) =>
        DslcProcess.Run("validate", "-m", Fixtures.TinyDsl, "--emitted", emitted, "--work", Path.Combine(emitted, "..", "work"), "-q");

    [Fact]
    public void Unchanged_emitted_c_is_bit_exact()
    {
        DslcProcess.Result r = Validate(Generate());
        Assert.True(r.Code == 0, r.StdOut + r.StdErr);
        Assert.Contains("bit-exact on host", r.StdOut);
    }

    [Theory]
    [InlineData("tiny_dsl_weights_light.c", "light_out sample")]
    [InlineData("tiny_dsl_weights_heavy.c", "heavy_out sample")]
    public void A_changed_weight_in_the_emitted_c_is_a_mismatch(string file, string field)
    {
        string emitted = Generate();
        NudgeFirstWeight(Path.Combine(emitted, file));
        DslcProcess.Result r = Validate(emitted);
        Assert.Equal((int)DslErrorCode.Mismatch, r.Code);
        Assert.Matches(@"NOT bit-exact: synth\.wav on host: frame \d+: ", r.StdOut);
        Assert.Contains(field, r.StdOut);
    }

    [Fact]
    public void A_clip_shorter_than_one_frame_is_an_audio_error_not_a_vacuous_pass()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-validate-short-").FullName;
        string wav = Path.Combine(dir, "short.wav");
        WavFile.WriteMono16(wav, new short[31], 16000);
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", Fixtures.TinyDsl, "-a", wav, "--work", Path.Combine(dir, "work"), "-q");
        Assert.Equal((int)DslErrorCode.Audio, r.Code);
        Assert.Contains("short.wav: holds 31 sample(s), less than one frame of 32 samples", r.StdErr);
    }

    [GeneratedRegex(@"const int8_t \w+_w\[\d+\] = \{\s*(?<v>-?\d+)")]
    private static partial Regex FirstWeight();
}
