using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// Chooses the range a tensor is quantized over from what calibration observed. The range may be narrower
/// than min/max: values outside it clamp, in exchange for a finer step for the rest.
/// </summary>
public abstract class RangeEstimator
{
    /// <summary>What compiles when neither the command line nor dsl.json chooses.</summary>
    public static RangeEstimator Default => new MinMaxEstimator();

    /// <summary>Accepted spellings, for messages.</summary>
    public const string Choices = "minmax, percentile, percentile:P (P from 50 to 100, default 99.99) or mse";

    /// <summary>The name as the user writes it (parses back to the same estimator).</summary>
    public abstract string Name { get; }

    /// <summary>The range [Lo, Hi] (within the observed min/max) to quantize with <paramref name="levels"/> steps.</summary>
    public abstract (double Lo, double Hi) Estimate(TensorRange observed, int levels);

    public override string ToString() => Name;

    /// <summary>Parses <paramref name="text"/>; errors name <paramref name="where"/> (the option or dsl.json field) with <paramref name="code"/>.</summary>
    public static RangeEstimator Parse(string text, DslErrorCode code, string where)
    {
        string[] parts = text.Trim().ToLowerInvariant().Split(':', 2);
        switch (parts[0])
        {
            case "minmax" when parts.Length == 1:
                return new MinMaxEstimator();
            case "mse" when parts.Length == 1:
                return new MseEstimator();
            case "percentile" when parts.Length == 1:
                return new PercentileEstimator(PercentileEstimator.DefaultPercent);
            case "percentile":
                if (double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p >= 50.0 && p <= 100.0)
                {
                    return new PercentileEstimator(p);
                }

                throw new DslException(code, $"{where}: percentile '{parts[1]}' must be a number from 50 to 100 (the share of values kept inside the range at each end, e.g. percentile:99.99)");
            default:
                throw new DslException(code, $"{where}: unknown calibration estimator '{text}'; use {Choices}");
        }
    }

    /// <summary>Representative value of a histogram bin, kept within what was observed.</summary>
    protected static double Representative(TensorRange observed, int bin)
    {
        double mid = 0.5 * (ValueHistogram.LowerEdge(bin) + ValueHistogram.UpperEdge(bin));
        return Math.Clamp(mid, observed.Min, observed.Max);
    }
}
