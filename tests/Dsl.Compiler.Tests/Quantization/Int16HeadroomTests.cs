using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Tests.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Validation;
using Xunit;

namespace Dsl.Compiler.Tests.Quantization;

/// <summary>
/// int16 headroom (--int16-headroom-db, dsl.json 'int16_headroom_db'): int16 activations and their curve inputs
/// reach that far beyond the calibrated range, int8 and PCM tensors keep theirs, and audio louder than the
/// calibration audio stops clamping the int16 tensors. Bad values are refused with the option's or field's code.
/// </summary>
public sealed class Int16HeadroomTests
{
    private static readonly Lazy<(CompiledModel None, CompiledModel Default)> Tiny = new(() =>
        (Compile(new Int16Headroom(0)), Compile(null)));

    private static CompiledModel Compile(Int16Headroom? headroom) => ModelCompiler.Compile(Fixtures.TinyDsl,
        new CompileOptions { Int16Scope = Int16Scope.All, Int16Headroom = headroom });

    [Fact]
    public void Int16_ranges_widen_by_the_headroom_and_nothing_else_changes()
    {
        (CompiledModel none, CompiledModel wide) = Tiny.Value;
        Assert.NotEmpty(wide.Quantization.Int16Tensors);
        Assert.Equal(Int16Headroom.Default, wide.Quantization.Headroom);
        foreach (string t in none.Graph.Tensors.Select(t => t.Name))
        {
            QuantParams a = none.Quantization.Of(t);
            QuantParams b = wide.Quantization.Of(t);
            double expected = wide.Quantization.Int16Tensors.Contains(t) ? Int16Headroom.Default.Factor : 1.0;
            Assert.Equal(expected, b.Scale / a.Scale, 9);
            Assert.Equal(a.ZeroPoint, b.ZeroPoint);
        }
    }

    [Fact]
    public void Audio_12_dB_louder_than_calibration_clamps_no_int16_tensor_with_the_default_headroom()
    {
        (CompiledModel none, CompiledModel wide) = Tiny.Value;
        short[] loud = CalibrationGain.Apply(WavFile.ReadMono16(Fixtures.TinyDslTestAudio, wide.Manifest.SampleRate), 12.0);

        long Int16Clamps(CompiledModel m) => QualityMetrics.Measure(m, "loud", loud).Clamps
            .Where(c => m.Quantization.Int16Tensors.Contains(c.Tensor) && !c.AudioOutput).Sum(c => c.Clamped);

        Assert.True(Int16Clamps(none) > 0, "the fixture's test clip 12 dB up should exceed the calibrated ranges (else this test shows nothing)");
        Assert.Equal(0, Int16Clamps(wide));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("43")]
    [InlineData("loud")]
    [InlineData("NaN")]
    public void The_option_refuses_what_is_not_0_to_42_dB(string text)
    {
        var e = Assert.Throws<DslException>(() => Int16Headroom.Parse(text, DslErrorCode.Usage, "--int16-headroom-db"));
        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.StartsWith("--int16-headroom-db: ", e.Message);
    }

    [Fact]
    public void DslJson_takes_a_number_of_dB()
    {
        Assert.Equal(new Int16Headroom(6), Load("6").Int16Headroom);
        Assert.Null(DslManifestLoader.Load(Fixtures.TinyDsl).Int16Headroom);
        foreach (string bad in new[] { "\"6\"", "-3", "[6]" })
        {
            var e = Assert.Throws<DslException>(() => Load(bad));
            Assert.Equal(DslErrorCode.Manifest, e.Code);
            Assert.Contains("int16_headroom_db", e.Message);
        }
    }

    private static DslManifest Load(string json) => TinyManifestVariant.Load("int16_headroom_db", json);
}
