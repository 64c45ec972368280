using System.Globalization;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// Keeps <see cref="Percent"/> % of the observed values inside the range at each end: the top and bottom
/// (100 - P) % clamp. Ends are histogram bin edges on the outer side, so the range never cuts a kept value.
/// </summary>
public sealed class PercentileEstimator : RangeEstimator
{
    public const double DefaultPercent = 99.99;

    public PercentileEstimator(double percent)
    {
        Percent = percent;
    }

    public double Percent { get; }

    public override string Name => Percent == DefaultPercent ? "percentile" : string.Create(CultureInfo.InvariantCulture, $"percentile:{Percent:R}");

    public override (double Lo, double Hi) Estimate(TensorRange observed, int levels)
    {
        ValueHistogram h = observed.Histogram;
        if (h.Count == 0)
        {
            return (observed.Min, observed.Max);
        }

        // Values allowed to clamp at each end (rounded down: never clamp more than the percentile says).
        long tail = (long)Math.Floor(h.Count * (100.0 - Percent) / 100.0);
        int hiBin = ValueHistogram.BinCount - 1;
        for (long above = 0; hiBin > 0 && above + h[hiBin] <= tail; hiBin--)
        {
            above += h[hiBin];
        }

        int loBin = 0;
        for (long below = 0; loBin < ValueHistogram.BinCount - 1 && below + h[loBin] <= tail; loBin++)
        {
            below += h[loBin];
        }

        double hi = Math.Clamp(ValueHistogram.UpperEdge(hiBin), observed.Min, observed.Max);
        double lo = Math.Clamp(ValueHistogram.LowerEdge(loBin), observed.Min, observed.Max);
        return (Math.Min(lo, hi), hi);
    }
}
