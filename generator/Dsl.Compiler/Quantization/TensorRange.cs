namespace Dsl.Compiler.Quantization;

/// <summary>Observed min/max of a tensor over calibration audio.</summary>
public sealed class TensorRange
{
    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => Min > Max;

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
        }
    }
}
