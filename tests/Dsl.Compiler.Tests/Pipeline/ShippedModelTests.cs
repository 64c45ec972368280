using Dsl.Compiler.Audio;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// The shipped reference model (models/dsl_soundstream_s): replay makes routed heavy frames equal
/// always-heavy execution bit for bit on real speech, and int8 stays close to float.
/// (Bit-exactness of the emitted C runs in build.cake: dslc validate on host and QEMU.)
/// </summary>
[Trait("Category", "Model")]
public sealed class ShippedModelTests(ITestOutputHelper log)
{
    private readonly ITestOutputHelper _log = log;

    private static readonly string Manifest = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json");

    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Manifest, new CompileOptions()));

    private static readonly string TestDir = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "test");

    private static short[] Speech => WavFile.ReadMono16(Path.Combine(TestDir, "speech_noise_mixn_en_US_f_Allison_conf-adminmenu-18_p.wav"), 16000);

    [Fact]
    public void Routed_heavy_frames_equal_always_heavy_on_speech()
    {
        var golden = new GoldenModel(Compiled.Value.Program);
        short[] audio = Speech;
        List<FrameRecord> routed = golden.RunClip(audio);
        List<FrameRecord> always = golden.RunClip(audio, alwaysHeavy: true);
        Assert.Contains(routed, r => r.ReplayFrames > 0);
        Assert.Contains(routed, r => r.Route == 0);
        for (int f = 0; f < routed.Count; f++)
        {
            if (routed[f].Route == 1)
            {
                Assert.Equal(always[f].HeavyOut, routed[f].HeavyOut);
            }
        }
    }

    /// <summary>
    /// int vs float (always-heavy output) on every test clip of dsl.json, gated at the measured SNR minus
    /// 1 dB (rounded down). Measured 2026-11-30 with the single rounding rule, as dsl.json compiles it (handoff
    /// "audio", heavy path int16): 36.4-38.2 dB on the eight speech and tts clips (mixtures with music and noise
    /// included), 38.7 / 35.8 dB on the two music clips, white noise (-35 dBFS) 27.1, pink noise (-59 dBFS) 18.9,
    /// rumble (-63 dBFS) 17.7 dB.
    /// </summary>
    [Theory]
    [InlineData("music_moh_reno_project-system.wav", 37)]
    [InlineData("music_spi_loop_weirdo.wav", 34)]
    [InlineData("noise_pinknoise_45.wav", 17)]
    [InlineData("noise_whitenoise_25.wav", 26)]
    [InlineData("silence_silence_rumble.wav", 16)]
    [InlineData("speech_en_US_f_Allison_conf-adminmenu-18.wav", 37)]
    [InlineData("speech_fr_CA_f_June_vm-rec-temp.wav", 36)]
    [InlineData("speech_music_mixm_en_US_f_Allison_vm-repeat_moh_reno_.wav", 37)]
    [InlineData("speech_music_mixm_fr_CA_f_June_demo-thanks_moh_reno_p.wav", 36)]
    [InlineData("speech_noise_mixn_en_US_f_Allison_conf-adminmenu-18_p.wav", 35)]
    [InlineData("speech_noise_mixn_en_US_f_Allison_confbridge-inc-list.wav", 36)]
    [InlineData("tts_espeak_en_0.wav", 35)]
    [InlineData("tts_flite_rms_3.wav", 37)]
    public void Int_heavy_output_stays_within_reach_of_float(string clip, double floorDb)
    {
        double snr = QualityMetrics.HeavyIntVsFloatSnr(Compiled.Value, WavFile.ReadMono16(Path.Combine(TestDir, clip), 16000));
        _log.WriteLine($"{clip}: {snr:F2} dB");
        Assert.True(snr >= floorDb, $"{clip}: int vs float heavy SNR {snr:F2} dB, below the gate {floorDb} dB");
    }

    [Fact]
    public void Every_test_clip_has_a_quality_gate()
    {
        IReadOnlyList<string> clips = ManifestFiles.Expand(Compiled.Value.Manifest, Compiled.Value.Manifest.TestPatterns, "test");
        var gated = typeof(ShippedModelTests).GetMethod(nameof(Int_heavy_output_stays_within_reach_of_float))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]);
        Assert.Equal(clips.Select(Path.GetFileName).Order(StringComparer.Ordinal), gated.Order(StringComparer.Ordinal));
    }
}
