using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// int16 -> int16 table of a nonlinearity for an audio output (e.g. a decoder's final Tanh): a 256-entry int8
/// table would leave 8 bits of audio, a 65536-entry one costs 128 KiB, so the kernel interpolates linearly
/// between <see cref="Points"/> samples of the function, one every <see cref="Step"/> input codes
/// (dsl_curve_s16, golden: <see cref="Evaluate"/>).
/// </summary>
public static class CurveBuilder
{
    /// <summary>log2 of the input codes between two table points.</summary>
    public const int StepBits = 7;

    public const int Step = 1 << StepBits;

    /// <summary>Table points: 65536 / Step intervals and the end point.</summary>
    public const int Points = (65536 / Step) + 1;

    /// <summary>The table for <paramref name="activation"/> from <paramref name="input"/> codes to <paramref name="output"/> codes.</summary>
    public static short[] Build(Activation activation, QuantParams input, QuantParams output)
    {
        var table = new short[Points];
        for (int j = 0; j < Points; j++)
        {
            double x = input.Dequantize((j * Step) + short.MinValue);
            table[j] = (short)output.Quantize(LutBuilder.Apply(activation, x));
        }

        return table;
    }

    /// <summary>What dsl_curve_s16 computes for one input code, bit for bit.</summary>
    public static short Evaluate(short[] table, int x)
    {
        int u = x - short.MinValue;
        int i = u >> StepBits;
        int f = u & (Step - 1);
        int a = table[i];
        return (short)(a + ((((table[i + 1] - a) * f) + (Step / 2)) >> StepBits));
    }
}
