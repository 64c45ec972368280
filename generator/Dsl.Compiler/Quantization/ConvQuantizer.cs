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
        var mult = new int[outChannels];
        var shift = new int[outChannels];
        long inputMaxAbs = Math.Max(Math.Abs((long)input.Min), Math.Abs((long)input.Max));
        for (int o = 0; o < outChannels; o++)
        {
            double accScale = input.Scale * scales[o];
            double b = Math.Round(bias[o] / accScale, MidpointRounding.AwayFromZero);
            long sumAbs = 0;
            for (int i = 0; i < taps; i++)
            {
                sumAbs += Math.Abs((long)wq[o * taps + i]);
            }

            for (int g = 0; g < tapGroups.Count; g++)
            {
                long sumW = 0;
                foreach (int k in tapGroups[g])
                {
                    for (int c = 0; c < perTap; c++)
                    {
                        sumW += wq[o * taps + k * perTap + c];
                    }
                }

                double folded = b - ((double)input.ZeroPoint * sumW);
                double bound = Math.Abs(folded) + (double)sumAbs * inputMaxAbs;
                if (bound > int.MaxValue)
                {
                    throw new DslException(DslErrorCode.Quantization, $"{where}: output channel {o} could overflow its int32 accumulator (|bias| + sum|w| x max|x| = {bound:E3} > 2^31-1); reduce the bias or the number of inputs per output, or retrain with weight decay");
                }

                biasQ[g * outChannels + o] = (int)folded;
            }

            FixedPointMultiplier m = FixedPointMultiplier.From(accScale / stageOut.Scale, $"{where}, output channel {o}");
            mult[o] = m.Multiplier;
            shift[o] = m.Shift;
        }

        return new Result(wq, new OutputStage(biasQ, mult, shift, stageOut.ZeroPoint, limits.Min, limits.Max, limits.Lut));
    }
}
