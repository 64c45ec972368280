namespace Dsl.Compiler.Quantization;

/// <summary>Observed min/max of a tensor over calibration audio, and the histogram of its values (for the range estimators).</summary>
public sealed class TensorRange
{
    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => Min > Max;

    public ValueHistogram Histogram { get; } = new();

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
