using Dsl.Compiler.Precision;
using Xunit;

namespace Dsl.Compiler.Tests.Precision;

/// <summary>The warning of a target not reached: none when met; when the light-path cap kept tensors int8, it says how
/// many and points to handoff "audio", which lets the heavy path make its own copy of shared layers int16.</summary>
public sealed class PrecisionWarningTests
{
    private static PrecisionChoice Choice(bool met, params TensorPrecision[] tensors)
    {
        var cost = new CandidateCost([new VariantInstructions(CandidateCost.ObjectiveVariant, 100, 1000)], new CandidateBytes(0, 0, 0, 0, 0, 0));
        return new PrecisionChoice("key", 30, "search", [], met, [new OutputSnr("heavy", 26.9)], [new OutputSnr("heavy", 25.6)],
            cost, cost, tensors, 64, 10, 0, [], "");
    }

    private static TensorPrecision Tensor(string name, string why) => new(name, "int8", why, true, 0.5, 100, 10);

    [Fact]
    public void A_met_target_gives_no_warning() =>
        Assert.Null(Choice(true, Tensor("a", PrecisionAnalysis.CappedWhy + " over its +20 % instruction cap")).Warning());

    [Fact]
    public void Tensors_the_cap_kept_int8_are_counted_and_handoff_audio_is_suggested()
    {
        string w = Choice(false,
            Tensor("enc1", PrecisionAnalysis.CappedWhy + " over its +20 % instruction cap"),
            Tensor("enc2", PrecisionAnalysis.CappedWhy + " over its +20 % instruction cap"),
            Tensor("dec", "not needed: the target holds without it")).Warning()!;

        Assert.StartsWith("target SNR 30 dB not reached on the calibration audio: heavy 26.9 dB", w);
        Assert.Contains("2 tensors stayed int8 to keep the always-on light path within +20 %", w);
        Assert.Contains("\"handoff\": \"audio\"", w);
    }

    [Fact]
    public void Without_capped_tensors_there_is_no_handoff_hint() =>
        Assert.DoesNotContain("handoff", Choice(false, Tensor("dec", "int16: the target is out of reach, so every affordable tensor is")).Warning()!);
}
