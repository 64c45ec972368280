namespace Dsl.Compiler.Quantization;

/// <summary>The observed min/max: nothing clamps on calibration audio; a few outliers widen the step for every value.</summary>
public sealed class MinMaxEstimator : RangeEstimator
{
    public override string Name => "minmax";

    public override (double Lo, double Hi) Estimate(TensorRange observed, int levels) => (observed.Min, observed.Max);
}
