using Dsl.Compiler.Emit;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The dsp pairs4 weight layout: the words, read as the kernel reads them (per window, per group of 4 inputs
/// split into [x0 x2] / [x1 x3] halves, one SMLAD per word), give the convolution's dot products for shapes whose
/// channel counts and window lengths are not multiples of 4, with and without dilation; the same for int16 input, where
/// the words are in load order (pairs4s16: [x0 x1] / [x2 x3] as loaded); and which steps it serves.
/// </summary>
public sealed class DspPairedWeightsTests
{
    private static ConvStep Conv(int cin, int cout, int kernel, int dilation, int groups = 1, ConvKind kind = ConvKind.S8, int seed = 1)
    {
        var random = new Random(seed);
        var weights = new sbyte[cout * kernel * (cin / groups)];
        for (var i = 0; i < weights.Length; i++) weights[i] = (sbyte)random.Next(-128, 128);
        var stage = new OutputStage(new int[cout], new int[cout], new int[cout], 0, -128, 127, null);
        var slice = new BufferSlice(BufferRegion.Arena, 0, 1);
        return new ConvStep("/conv", kind, cin, cout, kernel, 1, dilation, groups, weights, stage, slice, 1, slice);
    }

    /// <summary>Channel o's dot product with input x (one output row), computed from the layout's words as the kernel does.</summary>
    private static long KernelDot(ConvStep s, int[] words, int[] x, int o)
    {
        var windows = s.Dilation == 1 ? 1 : s.Kernel;
        var window = s.Dilation == 1 ? s.Kernel * s.InChannels : s.InChannels;
        var groups = (window + 3) / 4;
        long acc = 0;
        for (var j = 0; j < windows; j++)
        for (var g = 0; g < groups; g++)
        {
            // inputs past the window are never read (the kernel's tail uses 0 there)
            int X(int e) => g * 4 + e < window ? x[j * s.Dilation * s.InChannels + g * 4 + e] : 0;
            var at = ((o / 4) * (DspPairedWeights.HeaderWords + (windows * groups * 8))) + DspPairedWeights.HeaderWords
                     + ((j * groups + g) * 8) + ((o % 4) * 2);
            acc += DspPairedWeights.Int16Input(s)
                ? Low(words[at]) * X(0) + High(words[at]) * X(1) + Low(words[at + 1]) * X(2) + High(words[at + 1]) * X(3)
                : Low(words[at]) * X(0) + High(words[at]) * X(2) + Low(words[at + 1]) * X(1) + High(words[at + 1]) * X(3);
        }

        return acc;
    }

    private static long Low(int word) => (short)(word & 0xFFFF);

    private static long High(int word) => (short)(word >> 16);

    [Theory]
    [InlineData(7, 5, 3, 1)]
    [InlineData(17, 6, 1, 1)]
    [InlineData(5, 9, 3, 2)]
    [InlineData(19, 4, 2, 3)]
    [InlineData(192, 192, 3, 3)]
    [InlineData(24, 1, 3, 1)]
    [InlineData(7, 5, 3, 1, ConvKind.S16S16)]
    [InlineData(17, 6, 1, 1, ConvKind.S16S16)]
    [InlineData(5, 9, 3, 2, ConvKind.S16S8)]
    [InlineData(19, 4, 2, 3, ConvKind.S16S16)]
    [InlineData(192, 512, 2, 1, ConvKind.S16S16)]
    public void Words_read_as_the_kernel_reads_them_give_the_convolution(int cin, int cout, int kernel, int dilation,
        ConvKind kind = ConvKind.S8)
    {
        var s = Conv(cin, cout, kernel, dilation, kind: kind, seed: cin * 31 + cout);
        var words = DspPairedWeights.Words(s, RoundingRule.Single);
        Assert.Equal(DspPairedWeights.WordCount(s), words.Length);
        var random = new Random(7);
        var x = new int[((kernel - 1) * dilation + 1) * cin];
        var int16 = DspPairedWeights.Int16Input(s);
        for (var i = 0; i < x.Length; i++) x[i] = int16 ? random.Next(-32768, 32768) : random.Next(-128, 128);
        for (var o = 0; o < cout; o++)
        {
            long expected = 0;
            for (var j = 0; j < kernel; j++)
            for (var i = 0; i < cin; i++)
                expected += s.Weights[(o * kernel + j) * cin + i] * x[j * dilation * cin + i];
            Assert.Equal(expected, KernelDot(s, words, x, o));
        }

        // The padding channels of the last block are zero: they add nothing whatever the input.
        for (var o = cout; o < (cout + 3) / 4 * 4; o++) Assert.Equal(0, KernelDot(s, words, x, o));
    }

    [Fact]
    public void Each_block_starts_with_its_biases_and_prepared_channels()
    {
        var s = Conv(4, 5, 1, 1);
        var stage = s.Stage with
        {
            Bias = [10, -20, 30, -40, 50],
            Multiplier = [0x40000000, 0x50000000, 0x60000000, 0x70000000, 0x7FFFFFFF],
            Shift = [-10, -2, -20, -7, -3],
            OutZeroPoint = -5,
        };
        s = s with { Stage = stage };
        var words = DspPairedWeights.Words(s, RoundingRule.Single);
        var block = DspPairedWeights.HeaderWords + 8; // one group of 4 inputs
        Assert.Equal(new[] { 10, -20, 30, -40 }, words[..4]);
        // default rule, every shift <= -2 and the zero point folds: round = (2 zp + 1) * 2^(right - 1), right = -1 - shift
        Assert.True(CStageForm.FoldsZeroPoint(stage, RoundingRule.Single));
        Assert.Equal(new[] { 0x40000000, -10, -9 * 256, 9 }, words[4..8]);
        Assert.Equal(new[] { 0x50000000, -2, -9, 1 }, words[8..12]);
        Assert.Equal(new[] { 0x70000000, -7, -9 * 32, 6 }, words[16..20]);
        // the second block: channel 4, then zeros for the 3 padding channels
        Assert.Equal(new[] { 50, 0, 0, 0 }, words[block..(block + 4)]);
        Assert.Equal(new[] { 0x7FFFFFFF, -3, -9 * 2, 2 }, words[(block + 4)..(block + 8)]);
        Assert.All(words[(block + 8)..(block + 20)], w => Assert.Equal(0, w));
    }

    [Fact]
    public void Records_follow_the_rounding_rule_and_the_form()
    {
        var stage = new OutputStage([0, 0, 0], [0x40000000, 0x40000000, -0x40000000], [-10, -1, 0], 3, -128, 127, null);
        // default rule, shift -1: no shortcut (right -1, round 0), so no channel folds the zero point
        Assert.False(CStageForm.FoldsZeroPoint(stage, RoundingRule.Single));
        Assert.Equal(new[] { 0x40000000, -10, 256, 9 }, DspRequantRecord.Of(stage, 0, RoundingRule.Single, foldZeroPoint: false));
        Assert.Equal(new[] { 0x40000000, -1, 0, -1 }, DspRequantRecord.Of(stage, 1, RoundingRule.Single, foldZeroPoint: false));
        // tflite: the shortcut is shift <= 0 with M >= 0, right = -shift, no rounding term
        Assert.Equal(new[] { 0x40000000, -10, 0, 10 }, DspRequantRecord.Of(stage, 0, RoundingRule.Tflite, foldZeroPoint: false));
        Assert.Equal(new[] { 0x40000000, -1, 0, 1 }, DspRequantRecord.Of(stage, 1, RoundingRule.Tflite, foldZeroPoint: false));
        Assert.Equal(new[] { -0x40000000, 0, 0, -1 }, DspRequantRecord.Of(stage, 2, RoundingRule.Tflite, foldZeroPoint: false));
    }

    [Fact]
    public void Size_is_two_bytes_per_weight_with_channels_and_windows_padded_to_4_plus_a_header_per_block()
    {
        var s = Conv(7, 5, 3, 2); // 2 blocks x (header of 20 + 3 windows x 2 groups x 8 words)
        Assert.Equal(2 * (20 + (3 * 2 * 8)), DspPairedWeights.WordCount(s));
        Assert.Equal(4L * 136 - 5 * 3 * 7, DspPairedWeights.ExtraBytes(s));
        Assert.Equal((192 * 192 * 3 * 2) + (48 * 20 * 4) - (192 * 192 * 3), DspPairedWeights.ExtraBytes(Conv(192, 192, 3, 1)));
    }

    [Fact]
    public void Serves_groups_1_with_at_least_4_channels_and_16_MACs_per_output()
    {
        Assert.True(DspPairedWeights.Fits(Conv(17, 4, 1, 1)));
        Assert.True(DspPairedWeights.Fits(Conv(24, 16, 3, 1, kind: ConvKind.S8S16)));
        Assert.True(DspPairedWeights.Fits(Conv(16, 16, 3, 3)));   // 3 windows of 16 per output
        Assert.True(DspPairedWeights.Fits(Conv(16, 16, 1, 1)));   // 16 MACs per output: pairs4 is faster
        Assert.True(DspPairedWeights.Fits(Conv(8, 20, 2, 1)));    // a transposed 8->4 k10 s5 as a convolution
        Assert.False(DspPairedWeights.Fits(Conv(15, 16, 1, 1)));  // below 16: the int8 blocks are faster
        Assert.False(DspPairedWeights.Fits(Conv(4, 8, 2, 1)));    // window of 8 (transposed 4->2 k8 s4)
        Assert.False(DspPairedWeights.Fits(Conv(7, 16, 2, 3)));
        Assert.False(DspPairedWeights.Fits(Conv(24, 3, 3, 1)));   // 3 channels: a block of 4 wastes a quarter or more
        Assert.False(DspPairedWeights.Fits(Conv(24, 24, 3, 1, groups: 2)));
        Assert.True(DspPairedWeights.Fits(Conv(24, 8, 3, 1, kind: ConvKind.S16S8)));     // int16 input: pairs4s16
        Assert.True(DspPairedWeights.Fits(Conv(192, 192, 3, 3, kind: ConvKind.S16S16)));
        Assert.False(DspPairedWeights.Fits(Conv(8, 1, 7, 1, kind: ConvKind.S16S16)));     // 1 channel
        Assert.False(DspPairedWeights.Fits(Conv(24, 24, 3, 1, groups: 2, kind: ConvKind.S16S16)));
    }
}
