using Dsl.Compiler.Emit;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// A transposed conv emitted as its equivalent convolution computes the same accumulators for every output, on
/// random shapes and data: the equivalence the emission rests on, checked on integers (the bits follow: the same
/// per-channel requantization is applied to the same sums).
/// </summary>
public sealed class TransposedConvAsConvTests
{
    private static ConvTransposeStep Step(Random rng, int cin, int cout, int kernel, int stride, int dilation, int inRows)
    {
        var weights = new sbyte[cout * kernel * cin];
        for (var i = 0; i < weights.Length; i++) weights[i] = (sbyte)rng.Next(-128, 128);
        var bias = Enumerable.Range(0, stride * cout).Select(_ => rng.Next(-1000, 1000)).ToArray();
        var stage = new OutputStage(bias, Enumerable.Range(0, cout).Select(o => 1 << 30 | o).ToArray(),
            Enumerable.Range(0, cout).Select(o => -2 - o).ToArray(), 3, -128, 127, null);
        var history = (kernel - 1) * dilation / stride;
        return new ConvTransposeStep("/up", cin, cout, kernel, stride, dilation, weights, stage,
            new BufferSlice(BufferRegion.Arena, 0, (history + inRows) * cin), inRows,
            new BufferSlice(BufferRegion.Arena, 4096, inRows * stride * cout));
    }

    /// <summary>The transposed conv's accumulators, gathered per output from the tap layout (dsl_kernels.h).</summary>
    private static long[] Transposed(ConvTransposeStep s, sbyte[] input)
    {
        var history = (s.Kernel - 1) * s.Dilation / s.Stride;
        var acc = new long[s.InRows * s.Stride * s.OutChannels];
        for (var n = 0; n < s.InRows * s.Stride; n++)
        {
            for (var o = 0; o < s.OutChannels; o++)
            {
                long a = s.Stage.Bias[((n % s.Stride) * s.OutChannels) + o];
                for (var j = 0; j < s.Kernel; j++)
                {
                    var m = n + (history * s.Stride) - (j * s.Dilation);
                    if (m < 0 || m % s.Stride != 0) continue;
                    for (var c = 0; c < s.InChannels; c++)
                        a += s.Weights[(((o * s.Kernel) + j) * s.InChannels) + c] * input[((m / s.Stride) * s.InChannels) + c];
                }

                acc[(n * s.OutChannels) + o] = a;
            }
        }

        return acc;
    }

    /// <summary>A stride-1, dilation-1 convolution's accumulators over its input rows.</summary>
    private static long[] Conv(ConvStep s, sbyte[] input)
    {
        var acc = new long[s.OutRows * s.OutChannels];
        for (var t = 0; t < s.OutRows; t++)
        {
            for (var o = 0; o < s.OutChannels; o++)
            {
                long a = s.Stage.Bias[o];
                for (var k = 0; k < s.Kernel * s.InChannels; k++)
                    a += s.Weights[(o * s.Kernel * s.InChannels) + k] * input[(t * s.InChannels) + k];
                acc[(t * s.OutChannels) + o] = a;
            }
        }

        return acc;
    }

    [Theory]
    [InlineData(1, 1, 2, 2, 1)]
    [InlineData(2, 2, 4, 2, 160)]
    [InlineData(3, 5, 6, 3, 7)]
    [InlineData(16, 8, 16, 8, 1)]
    [InlineData(7, 3, 10, 5, 4)]
    [InlineData(5, 4, 3, 1, 6)]
    public void The_equivalent_convolution_has_the_same_accumulators(int cin, int cout, int kernel, int stride, int inRows)
    {
        var rng = new Random((cin * 1000) + (kernel * 10) + stride);
        var t = Step(rng, cin, cout, kernel, stride, 1, inRows);
        var input = new sbyte[t.Input.Bytes];
        for (var i = 0; i < input.Length; i++) input[i] = (sbyte)rng.Next(-128, 128);

        Assert.True(TransposedConvAsConv.Applies(t));
        var c = TransposedConvAsConv.Equivalent(t);
        Assert.Equal((ConvKind.S8, cin, stride * cout, kernel / stride, 1, 1, 1, inRows), (c.Kind, c.InChannels, c.OutChannels, c.Kernel, c.Stride, c.Dilation, c.Groups, c.OutRows));
        Assert.Equal((t.Input, t.Output), (c.Input, c.Output));
        Assert.Equal((inRows - 1) + c.Kernel, t.Input.Bytes / cin); // the conv reads exactly the [history | new] rows
        Assert.Equal(Transposed(t, input), Conv(c, input));

        // per output channel p * cout + o: the transposed conv's channel o requantization
        for (var p = 0; p < stride; p++)
        {
            Assert.Equal(t.Stage.Multiplier, c.Stage.Multiplier.Skip(p * cout).Take(cout));
            Assert.Equal(t.Stage.Shift, c.Stage.Shift.Skip(p * cout).Take(cout));
        }
        Assert.Equal(t.Stage.Bias, c.Stage.Bias);
    }

    [Theory]
    [InlineData(3, 2, 1)] // kernel not a multiple of the stride
    [InlineData(4, 2, 2)] // dilation
    [InlineData(1, 2, 1)] // kernel below the stride
    public void Other_shapes_keep_the_transposed_kernel(int kernel, int stride, int dilation)
    {
        var t = Step(new Random(1), 2, 2, kernel, stride, dilation, 3);
        Assert.False(TransposedConvAsConv.Applies(t));
        Assert.Null(TransposedConvAsConv.EmittedConv(t));
        Assert.Throws<ArgumentException>(() => TransposedConvAsConv.Equivalent(t));
    }
}
