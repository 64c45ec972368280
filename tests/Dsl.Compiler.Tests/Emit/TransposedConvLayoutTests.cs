using Dsl.Compiler.Emit;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The phase-major weights of dsl_conv_transpose1d_s8 (dsl_kernels.h): per phase [out][taps, descending j][in].
/// The kernel's reading of them (phase p, output row r reads rows first_p + r + t * gap) must give the
/// transposed convolution of the tap layout for every shape, including the first output rows of the stream.
/// </summary>
public sealed class TransposedConvLayoutTests
{
    [Fact]
    public void Kernel_4_stride_2_puts_phase_0_taps_2_0_then_phase_1_taps_3_1()
    {
        // 2 out x 4 taps x 2 in, value = 60 * o + 10 * j + c
        var w = new sbyte[16];
        for (var o = 0; o < 2; o++)
            for (var j = 0; j < 4; j++)
                for (var c = 0; c < 2; c++)
                    w[(((o * 4) + j) * 2) + c] = (sbyte)((o * 60) + (10 * j) + c);

        var relaid = TransposedConvLayout.PhaseMajor(w, 2, 4, 2, stride: 2, dilation: 1);

        Assert.Equal(new sbyte[] { 20, 21, 0, 1, 80, 81, 60, 61, 30, 31, 10, 11, 90, 91, 70, 71 }, relaid);
    }

    [Fact]
    public void A_phase_no_tap_reaches_has_no_weights_and_dilation_spreads_taps_over_phases()
    {
        Assert.Empty(TransposedConvLayout.PhaseTaps(2, kernel: 2, stride: 3, dilation: 1));
        Assert.Equal([1], TransposedConvLayout.PhaseTaps(1, kernel: 2, stride: 3, dilation: 1));
        // dilation 3, stride 2: j * 3 % 2 is j % 2
        Assert.Equal([4, 2, 0], TransposedConvLayout.PhaseTaps(0, kernel: 5, stride: 2, dilation: 3));
        Assert.Equal([3, 1], TransposedConvLayout.PhaseTaps(1, kernel: 5, stride: 2, dilation: 3));
    }

    [Theory]
    [InlineData(3, 2, 4, 2, 1, 5)]
    [InlineData(2, 3, 5, 2, 1, 3)]
    [InlineData(1, 1, 2, 3, 1, 2)]
    [InlineData(4, 1, 1, 4, 1, 2)]
    [InlineData(2, 2, 16, 8, 1, 1)]
    [InlineData(3, 2, 10, 5, 1, 3)]
    [InlineData(2, 3, 3, 2, 2, 4)]
    [InlineData(3, 2, 4, 2, 3, 4)]
    [InlineData(2, 2, 5, 4, 2, 3)]
    [InlineData(2, 3, 6, 4, 3, 2)]
    [InlineData(1, 2, 7, 3, 2, 1)]
    [InlineData(2, 1, 3, 1, 2, 3)]
    public void Each_phase_read_as_a_stride_1_convolution_gives_the_transposed_convolution(
        int inChannels, int outChannels, int kernel, int stride, int dilation, int inRows)
    {
        var random = new Random((inChannels * 1000) + (kernel * 100) + (stride * 10) + dilation);
        var history = (kernel - 1) * dilation / stride;
        var w = RandomInt8(random, outChannels * kernel * inChannels);
        var x = RandomInt8(random, (history + inRows) * inChannels);

        var expected = Scatter(w, x, inChannels, outChannels, kernel, stride, dilation, inRows, history);
        var actual = PhaseGather(TransposedConvLayout.PhaseMajor(w, outChannels, kernel, inChannels, stride, dilation),
            x, inChannels, outChannels, kernel, stride, dilation, inRows, history);

        Assert.Equal(expected, actual);
    }

    /// <summary>dsl_kernels.h's formula read as a scatter: input row i, tap j lands on row i*stride + j*dilation - history*stride.</summary>
    private static long[] Scatter(sbyte[] w, sbyte[] x, int cin, int cout, int kernel, int stride, int dilation, int inRows, int history)
    {
        var acc = new long[inRows * stride * cout];
        for (var i = 0; i < history + inRows; i++)
            for (var j = 0; j < kernel; j++)
            {
                var n = (i * stride) + (j * dilation) - (history * stride);
                if (n < 0 || n >= inRows * stride)
                    continue;
                for (var o = 0; o < cout; o++)
                    for (var c = 0; c < cin; c++)
                        acc[(n * cout) + o] += w[(((o * kernel) + j) * cin) + c] * x[(i * cin) + c];
            }

        return acc;
    }

    /// <summary>The kernel's reading: phase blocks in turn, rows first + r + t * gap, with a check that every row is in the buffer.</summary>
    private static long[] PhaseGather(sbyte[] phaseMajor, sbyte[] x, int cin, int cout, int kernel, int stride, int dilation, int inRows,
        int history)
    {
        var acc = new long[inRows * stride * cout];
        var gap = dilation / Gcd(stride, dilation);
        var block = 0;
        for (var phase = 0; phase < stride; phase++)
        {
            var taps = TransposedConvLayout.PhaseTaps(phase, kernel, stride, dilation);
            var first = taps.Count == 0 ? 0 : history - (((taps[0] * dilation) - phase) / stride);
            for (var o = 0; o < cout; o++)
                for (var r = 0; r < inRows; r++)
                    for (var t = 0; t < taps.Count; t++)
                    {
                        var row = first + r + (t * gap);
                        Assert.InRange(row, 0, history + inRows - 1);
                        for (var c = 0; c < cin; c++)
                            acc[((phase + (stride * r)) * cout) + o] +=
                                phaseMajor[block + (((o * taps.Count) + t) * cin) + c] * x[(row * cin) + c];
                    }

            block += cout * taps.Count * cin;
        }

        return acc;
    }

    private static sbyte[] RandomInt8(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
