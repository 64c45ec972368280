namespace Dsl.Compiler.Quantization;

/// <summary>
/// Counts of observed values on a fixed logarithmic grid: a bin per sign, binary exponent and top
/// <see cref="MantissaBits"/> mantissa bits of the float32 value (relative width 1/128), plus one bin
/// for zero. The grid does not depend on the data, so memory is fixed per tensor and the counts (integers)
/// are the same whatever order the values and clips come in.
/// </summary>
public sealed class ValueHistogram
{
    public const int MantissaBits = 7;

    /// <summary>Binary exponents kept: |v| below 2^MinExponent counts as zero, at or above 2^(MaxExponent+1) in the top bin.</summary>
    public const int MinExponent = -64;

    public const int MaxExponent = 63;

    private const int SubBins = 1 << MantissaBits;

    /// <summary>Bins per sign.</summary>
    private const int Half = (MaxExponent - MinExponent + 1) * SubBins;

    private readonly long[] counts = new long[(2 * Half) + 1];

    public long Count { get; private set; }

    /// <summary>Number of bins; bin <see cref="ZeroBin"/> holds zero, lower indices negative values, higher positive, in value order.</summary>
    public static int BinCount => (2 * Half) + 1;

    /// <summary>The bins holding at least one value, in bin order (what a calibration cache entry stores).</summary>
    public IEnumerable<(int Bin, long Count)> NonEmptyBins()
    {
        for (int bin = 0; bin < counts.Length; bin++)
        {
            if (counts[bin] != 0)
            {
                yield return (bin, counts[bin]);
            }
        }
    }

    public static int ZeroBin => Half;

    public long this[int bin] => counts[bin];

    public void Add(float v)
    {
        if (float.IsNaN(v))
        {
            return;
        }

        counts[BinOf(v)]++;
        Count++;
    }

    /// <summary>Adds <paramref name="count"/> values to <paramref name="bin"/> at once (restoring a cached histogram).</summary>
    public void AddToBin(int bin, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(bin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, counts.Length);
        counts[bin] += count;
        Count += count;
    }

    public static int BinOf(float v)
    {
        int bits = BitConverter.SingleToInt32Bits(v);
        int exponent = ((bits >> 23) & 0xFF) - 127;
        if (exponent < MinExponent)
        {
            return ZeroBin;
        }

        int offset = exponent > MaxExponent
            ? Half - 1
            : ((exponent - MinExponent) * SubBins) + ((bits >> (23 - MantissaBits)) & (SubBins - 1));
        return bits < 0 ? ZeroBin - 1 - offset : ZeroBin + 1 + offset;
    }

    /// <summary>Smallest value of the bin (most negative for a negative bin).</summary>
    public static double LowerEdge(int bin) => bin == ZeroBin ? 0.0 : bin > ZeroBin ? Magnitude(bin - ZeroBin - 1) : -Magnitude(ZeroBin - bin);

    /// <summary>Largest value of the bin.</summary>
    public static double UpperEdge(int bin) => bin == ZeroBin ? 0.0 : bin > ZeroBin ? Magnitude(bin - ZeroBin) : -Magnitude(ZeroBin - bin - 1);

    /// <summary>|v| at the lower edge of positive offset <paramref name="offset"/> (offset Half is the end of the grid).</summary>
    private static double Magnitude(int offset)
    {
        int exponent = MinExponent + (offset / SubBins);
        return Math.ScaleB(1.0 + ((double)(offset % SubBins) / SubBins), exponent);
    }
}
