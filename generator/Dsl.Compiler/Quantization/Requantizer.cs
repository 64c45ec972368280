using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Quantization;

/// <summary>The C# twin of runtime-c/include/dsl_requantize.h; both rules, bit for bit.</summary>
public static class Requantizer
{
    public static int Requantize(int acc, int multiplier, int shift, RoundingRule rule) =>
        rule == RoundingRule.Single ? Single(acc, multiplier, shift) : DoubleRounding(acc, multiplier, shift);

    private static int Saturate(long v) => v > int.MaxValue ? int.MaxValue : v < int.MinValue ? int.MinValue : (int)v;

    private static int Single(int acc, int multiplier, int shift)
    {
        int totalShift = 31 - shift;
        long rounded = ((long)acc * multiplier) + (1L << (totalShift - 1));
        return Saturate(rounded >> totalShift);
    }

    private static int DoubleRounding(int acc, int multiplier, int shift)
    {
        int left = shift > 0 ? shift : 0;
        int right = shift > 0 ? 0 : -shift;
        int shifted = Saturate((long)acc * (1L << left));
        return RoundingDivideByPot(DoublingHighMul(shifted, multiplier), right);
    }

    private static int DoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue)
        {
            return int.MaxValue;
        }

        long ab = (long)a * b;
        long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((ab + nudge) / (1L << 31)); // C division truncates toward zero, as here
    }

    private static int RoundingDivideByPot(int x, int exponent)
    {
        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
