using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Tests.Quantization;

/// <summary>The range estimators on distributions whose answer is known.</summary>
public sealed class RangeEstimatorTests
{
    private const int Int8Steps = 255;

    /// <summary>Laplace(b = 1) by its inverse CDF on an even grid: deterministic, max = ln(2n) ~ 12.2 for n = 100000.</summary>
    private static float[] Laplace(int n) => Enumerable.Range(0, n).Select(i =>
    {
        double u = (i + 0.5) / n;
        return (float)(u < 0.5 ? Math.Log(2 * u) : -Math.Log(2 * (1 - u)));
    }).ToArray();

    /// <summary>Uniform on [-1, 1] on an even grid.</summary>
    private static float[] Uniform(int n) => Enumerable.Range(0, n).Select(i => (float)((2.0 * (i + 0.5) / n) - 1.0)).ToArray();

    private static TensorRange Observed(params float[][] chunks)
    {
        var r = new TensorRange();
        foreach (float[] c in chunks)
        {
            r.Observe(c);
        }

        return r;
    }

    /// <summary>Mean squared error of quantizing <paramref name="values"/> to int8 over [lo, hi] (the plan's QuantParams.Int8).</summary>
    private static double QuantizationMse(float[] values, (double Lo, double Hi) range)
    {
        QuantParams q = QuantParams.Int8(range.Lo, range.Hi);
        return values.Average(v => Math.Pow(q.Dequantize(q.Quantize(v)) - v, 2));
    }

    [Fact]
    public void Minmax_is_the_observed_range_exactly()
    {
        float[] values = [.. Laplace(10007), 37.25f, -41.5f];
        (double lo, double hi) = new MinMaxEstimator().Estimate(Observed(values), Int8Steps);
        Assert.Equal(-41.5, lo);
        Assert.Equal(37.25, hi);
    }

    [Fact]
    public void Percentile_clamps_the_outliers_and_keeps_the_rest()
    {
        float[] values = [.. Uniform(100000), 50f, 60f, 70f, -80f, -90f];
        (double lo, double hi) = new PercentileEstimator(99.99).Estimate(Observed(values), Int8Steps);

        // 10 values may clamp at each end: the 3 and 2 outliers and a few of the largest inliers.
        Assert.InRange(hi, 0.999, 1.0 + (1.0 / 64));
        Assert.InRange(lo, -1.0 - (1.0 / 64), -0.999);
    }

    [Fact]
    public void Percentile_100_is_minmax()
    {
        TensorRange r = Observed([.. Laplace(5000), 9.5f]);
        Assert.Equal(new MinMaxEstimator().Estimate(r, Int8Steps), new PercentileEstimator(100).Estimate(r, Int8Steps));
    }

    [Fact]
    public void Mse_lies_between_percentile_and_minmax_on_a_heavy_tail_and_has_the_least_error()
    {
        float[] values = Laplace(100000);
        TensorRange r = Observed(values);
        (double Lo, double Hi) minmax = new MinMaxEstimator().Estimate(r, Int8Steps);
        (double Lo, double Hi) percentile = new PercentileEstimator(99.99).Estimate(r, Int8Steps);
        (double Lo, double Hi) mse = new MseEstimator().Estimate(r, Int8Steps);

        // Laplace(1) with 255 steps: the squared-error optimum clips near 9.9 b (Banner et al., ACIQ);
        // the 99.99 % point is ln(5000) = 8.5, the largest of these values ln(200000) = 12.2.
        Assert.InRange(mse.Hi, percentile.Hi, minmax.Hi);
        Assert.InRange(mse.Hi, 9.0, 11.0);
        Assert.InRange(-mse.Lo, 9.0, 11.0);
        double mseError = QuantizationMse(values, mse);
        Assert.True(mseError < QuantizationMse(values, minmax), "mse range quantizes with less error than minmax");
        Assert.True(mseError < QuantizationMse(values, percentile), "mse range quantizes with less error than percentile");
    }

    [Fact]
    public void Mse_keeps_a_uniform_distribution_whole()
    {
        (double lo, double hi) = new MseEstimator().Estimate(Observed(Uniform(100000)), Int8Steps);
        Assert.InRange(hi, 0.98, 1.0);
        Assert.InRange(lo, -1.0, -0.98);
    }

    [Fact]
    public void Mse_with_int16_steps_clips_far_less_than_with_int8()
    {
        TensorRange r = Observed(Laplace(100000));
        double int8 = new MseEstimator().Estimate(r, Int8Steps).Hi;
        double int16 = new MseEstimator().Estimate(r, 2 * short.MaxValue).Hi;
        Assert.True(int16 > int8 + 1.0, $"int16 end {int16} vs int8 end {int8}");
    }

    [Fact]
    public void Zero_only_tensors_keep_their_range()
    {
        TensorRange r = Observed(new float[100]);
        foreach (RangeEstimator e in new RangeEstimator[] { new MinMaxEstimator(), new PercentileEstimator(99.9), new MseEstimator() })
        {
            Assert.Equal((0.0, 0.0), e.Estimate(r, Int8Steps));
        }
    }

    [Fact]
    public void Estimates_do_not_depend_on_the_order_or_chunking_of_the_values()
    {
        float[] values = [.. Laplace(30000), 25f, -3f, 17f];
        float[] shuffled = [.. values.Select((v, i) => (v, Key: unchecked((uint)i * 2654435761u))).OrderBy(p => p.Key).Select(p => p.v)];
        TensorRange whole = Observed(values);
        TensorRange pieces = Observed(shuffled[..7], shuffled[7..20000], shuffled[20000..]);
        foreach (RangeEstimator e in new RangeEstimator[] { new MinMaxEstimator(), new PercentileEstimator(99.9), new MseEstimator() })
        {
            Assert.Equal(e.Estimate(whole, Int8Steps), e.Estimate(pieces, Int8Steps));
        }
    }

    [Fact]
    public void Histogram_bins_are_in_value_order_and_hold_their_values()
    {
        float[] probes = [-3e5f, -1.5f, -1e-3f, -1e-30f, 0f, 1e-30f, 2e-3f, 0.75f, 1f, 1.0079f, 4e6f];
        int previous = -1;
        foreach (float v in probes)
        {
            int bin = ValueHistogram.BinOf(v);
            Assert.True(bin >= previous, $"bin of {v} out of order");
            previous = bin;
            if (bin != ValueHistogram.ZeroBin)
            {
                Assert.InRange(v, ValueHistogram.LowerEdge(bin), ValueHistogram.UpperEdge(bin));
            }
        }

        Assert.Equal(ValueHistogram.ZeroBin, ValueHistogram.BinOf(0f));
        Assert.Equal(ValueHistogram.ZeroBin, ValueHistogram.BinOf(-0f));
    }

    [Theory]
    [InlineData("minmax", "minmax")]
    [InlineData("MSE", "mse")]
    [InlineData("percentile", "percentile")]
    [InlineData("percentile:99.99", "percentile")]
    [InlineData("percentile:99.9", "percentile:99.9")]
    [InlineData("percentile:100", "percentile:100")]
    public void Names_parse_and_round_trip(string text, string name)
    {
        RangeEstimator e = RangeEstimator.Parse(text, DslErrorCode.Usage, "--calibration-estimator");
        Assert.Equal(name, e.Name);
        Assert.Equal(name, RangeEstimator.Parse(e.Name, DslErrorCode.Usage, "x").Name);
    }

    [Theory]
    [InlineData("kl", "unknown calibration estimator 'kl'")]
    [InlineData("minmax:3", "unknown calibration estimator")]
    [InlineData("percentile:abc", "percentile 'abc' must be a number from 50 to 100")]
    [InlineData("percentile:100.5", "from 50 to 100")]
    [InlineData("percentile:20", "from 50 to 100")]
    [InlineData("percentile:NaN", "from 50 to 100")]
    public void Bad_names_are_errors_of_the_given_family_naming_the_place(string text, string message)
    {
        var e = Assert.Throws<DslException>(() => RangeEstimator.Parse(text, DslErrorCode.Manifest, "m/dsl.json: field 'calibration_estimator'"));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("field 'calibration_estimator'", e.Message);
        Assert.Contains(message, e.Message);
    }
}
