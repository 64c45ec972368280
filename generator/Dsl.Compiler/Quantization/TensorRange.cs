namespace Dsl.Compiler.Quantization;

/// <summary>Observed min/max of a tensor over calibration audio, and the histogram of its values (for the range estimators).</summary>
public sealed class TensorRange
{
    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => Min > Max;

    public ValueHistogram Histogram { get; } = new();

    /// <summary>A range seen before (a calibration cache entry): its bounds and histogram bins; an empty range has no bounds.</summary>
    public static TensorRange Restore(double? min, double? max, IEnumerable<(int Bin, long Count)> bins)
    {
        var r = new TensorRange();
        if (min is { } lo && max is { } hi)
        {
            r.Min = lo;
            r.Max = hi;
        }

        foreach ((int bin, long count) in bins)
        {
            r.Histogram.AddToBin(bin, count);
        }

        return r;
    }

    public void Observe(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (v < Min)
            {
                Min = v;
            }

            if (v > Max)
            {
                Max = v;
            }

            Histogram.Add(v);
        }
    }
}
