using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// A transposed convolution with dilation 1 and a kernel that is a multiple of its stride is exactly an
/// ordinary convolution over its input rows: output rows r * stride + p (p = 0 .. stride - 1) lie next to
/// each other in time-major memory, so they are one output row of stride * out_channels channels, channel
/// p * out_channels + o. Each such channel takes kernel / stride taps, on the input rows r .. r + kernel /
/// stride - 1 of the [history | new] buffer (history = kernel / stride - 1 rows), with weight
/// w[o][p + stride * (kernel / stride - 1 - c)] on tap c. Emitting it that way gives transposed layers
/// every blocking, layout and output-stage form the convolution kernels have (per variant). Same weights,
/// same sums, same requantization per channel (replicated per phase; the bias already is [stride][out]):
/// bit-exact with the golden model, which keeps interpreting the transposed step. Any kind (int8 or int16 input and
/// output): the equivalent has the same kind, and dslc's no-overflow proof per phase is the proof per output channel.
/// </summary>
public static class TransposedConvAsConv
{
    /// <summary>Whether <paramref name="s"/> is emitted as a convolution: no tap of the equivalent
    /// convolution is a padding zero (kernel a multiple of stride) and the taps of a phase read consecutive
    /// input rows (dilation 1).</summary>
    public static bool Applies(ConvTransposeStep s) => s.Dilation == 1 && s.Kernel % s.Stride == 0;

    /// <summary>The convolution a step is emitted as: itself, the equivalent of a transposed conv, or none.</summary>
    public static ConvStep? EmittedConv(Step step) => step switch
    {
        ConvStep c => c,
        ConvTransposeStep t when Applies(t) => Equivalent(t),
        _ => null,
    };

    /// <summary>The equivalent convolution step (same node, buffers and output stage values).</summary>
    public static ConvStep Equivalent(ConvTransposeStep s)
    {
        if (!Applies(s))
            throw new ArgumentException($"transposed conv '{s.Node}' (k{s.Kernel} s{s.Stride} d{s.Dilation}) has no dense equivalent");

        int taps = s.Kernel / s.Stride, cin = s.InChannels, cout = s.OutChannels;
        var weights = new sbyte[s.Weights.Length];
        for (var p = 0; p < s.Stride; p++)
        {
            for (var o = 0; o < cout; o++)
            {
                for (var c = 0; c < taps; c++)
                {
                    var j = p + (s.Stride * (taps - 1 - c));
                    System.Array.Copy(s.Weights, ((o * s.Kernel) + j) * cin, weights, ((((p * cout) + o) * taps) + c) * cin, cin);
                }
            }
        }

        var st = s.Stage;
        var stage = st with
        {
            Multiplier = PerPhase(st.Multiplier, s.Stride),
            Shift = PerPhase(st.Shift, s.Stride),
        };
        return new ConvStep(s.Node, s.Kind, cin, s.Stride * cout, taps, 1, 1, 1, weights, stage, s.Input, s.InRows, s.Output);
    }

    private static int[] PerPhase(int[] perChannel, int stride)
    {
        var result = new int[perChannel.Length * stride];
        for (var p = 0; p < stride; p++)
            System.Array.Copy(perChannel, 0, result, p * perChannel.Length, perChannel.Length);
        return result;
    }
}
