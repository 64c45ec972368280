using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// A positive real scale as (multiplier, shift): scale = multiplier * 2^(shift - 31) with the
/// multiplier in [2^30, 2^31). Shift is kept in [-31, 30], the range both rounding rules support.
/// </summary>
public readonly record struct FixedPointMultiplier(int Multiplier, int Shift)
{
    public static FixedPointMultiplier From(double scale, string where)
    {
        if (scale <= 0 || double.IsNaN(scale) || double.IsInfinity(scale))
        {
            throw new DslException(DslErrorCode.Quantization, $"{where}: requantization scale {scale} is not a positive number");
        }

        int exponent = (int)Math.Floor(Math.Log2(scale)) + 1; // scale = q * 2^exponent, q in [0.5, 1)
        double q = scale / Math.Pow(2, exponent);
        long m = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (m == 1L << 31)
        {
            m /= 2;
            exponent++;
        }

        if (exponent > 30)
        {
            throw new DslException(DslErrorCode.Quantization, $"{where}: requantization scale {scale:G6} is too large for int32 arithmetic; the calibrated output range is far narrower than the input's — calibrate with more representative audio");
        }

        if (exponent < -31)
        {
            return new FixedPointMultiplier(0, 0); // the result is 0 for every int32 accumulator
        }

        return new FixedPointMultiplier((int)m, exponent);
    }
}
