using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Quantization;

/// <summary>int8 -> int8 lookup table of a nonlinearity, evaluated in double at generation time.</summary>
public static class LutBuilder
{
    public static sbyte[] Build(Activation activation, QuantParams input, QuantParams output)
    {
        var lut = new sbyte[256];
        for (int v = -128; v <= 127; v++)
        {
            double x = input.Dequantize(v);
            lut[v + 128] = (sbyte)output.Quantize(Apply(activation, x));
        }

        return lut;
    }

    /// <summary>The function in double precision, for the tables built here and in <see cref="CurveBuilder"/>.</summary>
    internal static double Apply(Activation a, double x) => a.Kind switch
    {
        ActivationKind.None => x,
        ActivationKind.Relu => Math.Max(x, 0),
        ActivationKind.Elu => x > 0 ? x : a.Alpha * (Math.Exp(x) - 1),
        ActivationKind.LeakyRelu => x > 0 ? x : a.Alpha * x,
        ActivationKind.Tanh => Math.Tanh(x),
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ActivationKind.Clip => Math.Clamp(x, a.Alpha, a.Beta),
        _ => throw new InvalidOperationException($"no LUT for {a.Kind}"),
    };
}
