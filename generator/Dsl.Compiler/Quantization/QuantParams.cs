namespace Dsl.Compiler.Quantization;

/// <summary>Affine quantization of one tensor: real = (q - ZeroPoint) * Scale, q in [Min, Max].</summary>
public sealed record QuantParams(double Scale, int ZeroPoint, int Min, int Max)
{
    /// <summary>int16 PCM: full scale 1.0 = 32768, symmetric.</summary>
    public static readonly QuantParams Pcm16 = new(1.0 / 32768.0, 0, short.MinValue, short.MaxValue);

    public int ElementBytes => Max > sbyte.MaxValue ? 2 : 1;

    /// <summary>int8 asymmetric over a calibrated range (widened to contain 0 so padding is exact).</summary>
    public static QuantParams Int8(double min, double max)
    {
        min = Math.Min(min, 0.0);
        max = Math.Max(max, 0.0);
        if (max - min < 1e-9)
        {
            max = min + 1e-9;
        }

        double scale = (max - min) / 255.0;
        int zero = (int)Math.Round(-128.0 - (min / scale), MidpointRounding.AwayFromZero);
        zero = Math.Clamp(zero, -128, 127);
        return new QuantParams(scale, zero, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary>int16 symmetric over a calibrated range: the pre-activation of a nonlinearity on an audio output.</summary>
    public static QuantParams Int16(double min, double max)
    {
        double bound = Math.Max(Math.Max(Math.Abs(min), Math.Abs(max)), 1e-9);
        return new QuantParams(bound / short.MaxValue, 0, short.MinValue, short.MaxValue);
    }

    public int Quantize(double real) =>
        (int)Math.Clamp(Math.Round(real / Scale, MidpointRounding.AwayFromZero) + ZeroPoint, Min, Max);

    public double Dequantize(int q) => (q - ZeroPoint) * Scale;
}
