namespace Dsl.Compiler.Quantization;

/// <summary>
/// The range that minimises the expected squared error over the observed distribution: values inside
/// the range cost the rounding noise of its step (step²/12; zero is exact and costs nothing), values
/// outside cost their distance to the nearest end. Searched over histogram bin edges, one end at a time
/// until neither moves (from min/max), with suffix sums so each pass is linear in the bins.
/// </summary>
public sealed class MseEstimator : RangeEstimator
{
    private const int MaxPasses = 64;

    public override string Name => "mse";

    public override (double Lo, double Hi) Estimate(TensorRange observed, int levels)
    {
        ValueHistogram h = observed.Histogram;
        Side positive = Side.Of(observed, h, +1);
        Side negative = Side.Of(observed, h, -1);
        long nonZero = positive.Clipped0[0] + negative.Clipped0[0];
        if (nonZero == 0)
        {
            return (observed.Min, observed.Max);
        }

        int hi = positive.Ends.Length - 1, lo = negative.Ends.Length - 1;
        double Error(int l, int u)
        {
            double step = (positive.Ends[u] - negative.Ends[l]) / levels;
            long inside = nonZero - positive.Clipped0[u] - negative.Clipped0[l];
            return positive.ClipError(u) + negative.ClipError(l) + (inside * step * step / 12.0);
        }

        for (int pass = 0; pass < MaxPasses; pass++)
        {
            int newHi = Best(positive.Ends.Length, u => Error(lo, u));
            int newLo = Best(negative.Ends.Length, l => Error(l, newHi));
            if (newHi == hi && newLo == lo)
            {
                break;
            }

            (hi, lo) = (newHi, newLo);
        }

        return (negative.Ends[lo], positive.Ends[hi]);
    }

    /// <summary>The first index with the least error (deterministic on ties).</summary>
    private static int Best(int count, Func<int, double> error)
    {
        int best = 0;
        double least = error(0);
        for (int i = 1; i < count; i++)
        {
            double e = error(i);
            if (e < least)
            {
                least = e;
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The non-zero values on one side of zero, nearest to zero first. Ends[k] is the candidate end that keeps
    /// the first k occupied bins (Ends[0] = 0 keeps none); Clipped0/1/2[k] are the count, sum and sum of squares
    /// of the values beyond it (distances from zero, so both sides use the same formula).
    /// </summary>
    private sealed class Side
    {
        public required double[] Ends { get; init; }

        public required long[] Clipped0 { get; init; }

        public required double[] Clipped1 { get; init; }

        public required double[] Clipped2 { get; init; }

        /// <summary>Σ c·(|x| - |end|)² over the values beyond end k.</summary>
        public double ClipError(int k)
        {
            double e = Math.Abs(Ends[k]);
            return Math.Max(0.0, Clipped2[k] - (2.0 * e * Clipped1[k]) + (e * e * Clipped0[k]));
        }

        public static Side Of(TensorRange observed, ValueHistogram h, int sign)
        {
            var bins = new List<int>();
            for (int b = ValueHistogram.ZeroBin + sign; b >= 0 && b < ValueHistogram.BinCount; b += sign)
            {
                if (h[b] > 0)
                {
                    bins.Add(b);
                }
            }

            int n = bins.Count;
            var ends = new double[n + 1];
            var c0 = new long[n + 1];
            var c1 = new double[n + 1];
            var c2 = new double[n + 1];
            for (int k = n - 1; k >= 0; k--)
            {
                double x = Math.Abs(Representative(observed, bins[k]));
                long c = h[bins[k]];
                c0[k] = c0[k + 1] + c;
                c1[k] = c1[k + 1] + (c * x);
                c2[k] = c2[k + 1] + (c * x * x);
            }

            for (int k = 1; k <= n; k++)
            {
                double outer = sign > 0 ? ValueHistogram.UpperEdge(bins[k - 1]) : ValueHistogram.LowerEdge(bins[k - 1]);
                ends[k] = Math.Clamp(outer, observed.Min, observed.Max);
            }

            return new Side { Ends = ends, Clipped0 = c0, Clipped1 = c1, Clipped2 = c2 };
        }
    }
}
