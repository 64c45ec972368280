using Dsl.Compiler.Audio;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// The shipped reference model (models/dsl_soundstream_s): replay makes routed heavy frames equal
/// always-heavy execution bit for bit on real speech, and int8 stays close to float.
/// (Bit-exactness of the emitted C runs in build.cake: dslc validate on host and QEMU.)
/// </summary>
[Trait("Category", "Model")]
public sealed class ShippedModelTests
{
    private static readonly string Manifest = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json");

    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Manifest, new CompileOptions()));

    private static short[] Speech => WavFile.ReadMono16(
        Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "test", "speech_noise_mixn_en_US_f_Allison_conf-adminmenu-18_p.wav"), 16000);

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

    [Fact]
    public void Int8_heavy_output_stays_within_reach_of_float()
    {
        double snr = QualityMetrics.HeavyInt8VsFloatSnr(Compiled.Value, Speech);
        Assert.True(snr > 20, $"int8 vs float heavy SNR {snr:F1} dB");
    }
}
