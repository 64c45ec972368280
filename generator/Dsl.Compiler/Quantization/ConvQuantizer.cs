using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// Quantizes convolution weights per output channel (symmetric int8), biases to int32 with the
/// input zero point folded in, and the output stage; proves no accumulator can overflow.
/// </summary>
public static class ConvQuantizer
{
    public sealed record Result(sbyte[] Weights, OutputStage Stage);

    /// <summary>The bias slot groups of a convolution node: one group of every tap for a conv, for a transposed
    /// conv the taps of each output phase (j * dilation == phase, mod stride).</summary>
    public static IReadOnlyList<int[]> TapGroups(IrNode node) => node switch
    {
        ConvNode c => new[] { Enumerable.Range(0, c.KernelSize).ToArray() },
        ConvTransposeNode u => Enumerable.Range(0, u.Stride)
            .Select(r => Enumerable.Range(0, u.KernelSize).Where(j => (j * u.Dilation) % u.Stride == r).ToArray())
            .ToArray(),
        _ => throw new ArgumentException($"node '{node.Name}' ({node.Kind}) has no weights", nameof(node)),
    };

    /// <summary>Why <paramref name="node"/>'s int32 accumulators could overflow with <paramref name="input"/> as its input's
    /// quantization (|bias| + sum |w| x max |x| per output channel and bias group), or null when they cannot.</summary>
    public static string? Overflow(string where, IrNode node, QuantParams input)
    {
        (float[] weights, float[] bias, int outChannels, int kernel) = node switch
        {
            ConvNode c => (c.Weights, c.Bias, c.OutChannels, c.KernelSize),
            ConvTransposeNode u => (u.Weights, u.Bias, u.OutChannels, u.KernelSize),
            _ => throw new ArgumentException($"node '{node.Name}' ({node.Kind}) has no weights", nameof(node)),
        };
        return Prepare(where, weights, bias, outChannels, kernel, TapGroups(node), input).Overflow;
    }

    /// <param name="weights">[out][taps] float weights, taps = kernel x in-per-group.</param>
    /// <param name="tapGroups">For each bias slot group (1 for conv, stride phases for transposed
    /// conv): which taps (kernel indices) reach an output, to fold the zero point per group.</param>
    public static Result Quantize(
        string where,
        float[] weights,
        float[] bias,
        int outChannels,
        int kernel,
        IReadOnlyList<int[]> tapGroups,
        QuantParams input,
        QuantParams stageOut,
        OutputStageLimits limits)
    {
        Prepared p = Prepare(where, weights, bias, outChannels, kernel, tapGroups, input);
        if (p.Overflow is not null)
        {
            throw new DslException(DslErrorCode.Quantization, p.Overflow);
        }

        var mult = new int[outChannels];
        var shift = new int[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            FixedPointMultiplier m = FixedPointMultiplier.From(input.Scale * p.Scales[o] / stageOut.Scale, $"{where}, output channel {o}");
            mult[o] = m.Multiplier;
            shift[o] = m.Shift;
        }

        return new Result(p.Weights, new OutputStage(p.Bias, mult, shift, stageOut.ZeroPoint, limits.Min, limits.Max, limits.Lut));
    }

    private sealed record Prepared(sbyte[] Weights, double[] Scales, int[] Bias, string? Overflow);

    // Only the taps of a group reach its outputs, so the bound sums |w| over those (a transposed conv's phase).
    private static Prepared Prepare(string where, float[] weights, float[] bias, int outChannels, int kernel,
        IReadOnlyList<int[]> tapGroups, QuantParams input)
    {
        int taps = weights.Length / outChannels;
        int perTap = taps / kernel;
        var wq = new sbyte[weights.Length];
        var scales = new double[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            double maxAbs = 0;
            for (int i = 0; i < taps; i++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(weights[o * taps + i]));
            }

            scales[o] = maxAbs > 0 ? maxAbs / 127.0 : 1.0;
            for (int i = 0; i < taps; i++)
            {
                wq[o * taps + i] = (sbyte)Math.Clamp(Math.Round(weights[o * taps + i] / scales[o], MidpointRounding.AwayFromZero), -127, 127);
            }
        }

        var biasQ = new int[tapGroups.Count * outChannels];
        long inputMaxAbs = Math.Max(Math.Abs((long)input.Min), Math.Abs((long)input.Max));
        for (int o = 0; o < outChannels; o++)
        {
            double accScale = input.Scale * scales[o];
            double b = Math.Round(bias[o] / accScale, MidpointRounding.AwayFromZero);
            for (int g = 0; g < tapGroups.Count; g++)
            {
                long sumW = 0;
                long sumAbs = 0;
                foreach (int k in tapGroups[g])
                {
                    for (int c = 0; c < perTap; c++)
                    {
                        sumW += wq[o * taps + k * perTap + c];
                        sumAbs += Math.Abs((long)wq[o * taps + k * perTap + c]);
                    }
                }

                double folded = b - ((double)input.ZeroPoint * sumW);
                double bound = Math.Abs(folded) + (double)sumAbs * inputMaxAbs;
                if (bound > int.MaxValue)
                {
                    string group = tapGroups.Count > 1 ? $" (phase {g})" : "";
                    return new Prepared(wq, scales, biasQ, $"{where}: output channel {o}{group} could overflow its int32 accumulator (|bias| + sum|w| x max|x| = {bound:E3} > 2^31-1); reduce the bias or the number of inputs per output, or retrain with weight decay");
                }

                biasQ[g * outChannels + o] = (int)folded;
            }
        }

        return new Prepared(wq, scales, biasQ, null);
    }
}
