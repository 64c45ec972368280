namespace Dsl.Compiler.Precision;

/// <summary>
/// Picks the int16 tensors: the least costly set found that brings every audio output to the target SNR.
/// <list type="number">
/// <item>All-int8 meets the target: nothing is int16.</item>
/// <item>Each eligible tensor alone is measured: its gain is the SNR it adds toward the target, summed over the targeted
/// outputs below it (capped at the target); its cost is against all-int8.</item>
/// <item>Tensors are ranked by gain per instruction (gainless ones last, cheapest first; ties by name). The pool is the
/// ranking less every tensor that would make the set unaffordable (a cost cap, e.g. on the always-on light path), taken
/// in rank order. The whole pool missing the target: the pool, the best there is (not met).</item>
/// <item>The shortest prefix of the pool that meets the target is found by bisection; the tensor that completed it is
/// replaced by the cheapest later one that also meets the target and stays affordable, if any (at most
/// <see cref="MaxSwapTrials"/> tried).</item>
/// <item>Each chosen tensor, the least useful first (at most <see cref="MaxDropTrials"/>), is dropped when the target
/// still holds without it.</item>
/// </list>
/// Deterministic: the same inputs give the same set, whatever order the evaluations run in. Only sets the evaluator
/// judged are accepted, so the result meets the target even where gains do not add up.
/// </summary>
/// <param name="evaluate">The SNR per output of a set: what accepts a set.</param>
/// <param name="cost">The cost of a set.</param>
/// <param name="parallelism">Evaluations of single tensors run at once.</param>
/// <param name="rank">A cheaper evaluation (e.g. on less audio) that only ranks single tensors; null: <paramref name="evaluate"/>.</param>
/// <param name="affordable">Whether a set stays within the cost caps; null: every set does.</param>
/// <param name="targeted">The outputs the target applies to (the others are only reported); null: every output.</param>
public sealed class PrecisionSearch(
    Func<IReadOnlySet<string>, IReadOnlyList<OutputSnr>> evaluate,
    Func<IReadOnlySet<string>, CandidateCost> cost,
    int parallelism = 1,
    Func<IReadOnlySet<string>, IReadOnlyList<OutputSnr>>? rank = null,
    Func<IReadOnlySet<string>, bool>? affordable = null,
    Func<OutputSnr, bool>? targeted = null)
{
    /// <summary>Chosen tensors the last step tries to drop at most (the least useful first: where drops succeed).</summary>
    public const int MaxDropTrials = 8;

    /// <summary>Cheaper tensors tried at most in place of the one that completed the prefix (the cheapest first).</summary>
    public const int MaxSwapTrials = 4;

    /// <summary>Instructions a tensor is taken to cost at least, so a free tensor ranks by gain among the free ones.</summary>
    private const double MinInstructions = 1.0;

    public PrecisionSearchResult Run(IReadOnlyList<string> eligible, double targetDb)
    {
        var all = eligible.Distinct().Order(StringComparer.Ordinal).ToList();
        int evaluations = 0;
        IReadOnlyList<OutputSnr> Judge(IReadOnlySet<string> set)
        {
            Interlocked.Increment(ref evaluations);
            return evaluate(set);
        }

        IReadOnlyList<OutputSnr> Rank(IReadOnlySet<string> set)
        {
            Interlocked.Increment(ref evaluations);
            return (rank ?? evaluate)(set);
        }

        bool Counts(OutputSnr o) => targeted?.Invoke(o) ?? true;
        bool Affordable(IEnumerable<string> set) => affordable?.Invoke(Set(set)) ?? true;
        bool Meets(IReadOnlyList<OutputSnr> snr) => snr.Where(Counts).All(o => o.SnrDb >= targetDb);
        // Progress toward the target, summed over outputs and capped at it: a tensor that only helps an output
        // already on target gains nothing, one that helps two lagging outputs gains on both.
        double Shortfall(IReadOnlyList<OutputSnr> snr) => snr.Where(Counts).Sum(o => Math.Max(0, targetDb - o.SnrDb));

        var none = Set([]);
        IReadOnlyList<OutputSnr> int8Snr = Judge(none);
        CandidateCost int8Cost = cost(none);
        TensorTrial Priced(string t, double? gain)
        {
            CandidateCost c = cost(Set([t]));
            return new TensorTrial(t, gain, c.Objective - int8Cost.Objective, c.Bytes.Total - int8Cost.Bytes.Total);
        }

        var unaffordable = new List<string>();
        PrecisionSearchResult Result(IReadOnlyList<string> chosen, bool met, IReadOnlyList<OutputSnr> snr, IReadOnlyList<TensorTrial> trials) =>
            new(chosen.Order(StringComparer.Ordinal).ToList(), met, snr, cost(Set(chosen)), int8Snr, int8Cost, trials, evaluations)
            {
                Unaffordable = unaffordable.Order(StringComparer.Ordinal).ToList(),
            };

        if (Meets(int8Snr) || all.Count == 0)
        {
            return Result([], Meets(int8Snr), int8Snr, all.Select(t => Priced(t, null)).ToList());
        }

        // Each tensor alone: independent evaluations, results by index (order-free).
        var alone = new IReadOnlyList<OutputSnr>[all.Count];
        Parallel.For(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i => alone[i] = Rank(Set([all[i]])));
        double baseShortfall = Shortfall(rank is null ? int8Snr : Rank(none));
        var trials = all.Select((t, i) => Priced(t, baseShortfall - Shortfall(alone[i]))).ToList();
        var ranked = trials
            .OrderByDescending(t => t.GainDb > 0)
            .ThenByDescending(t => t.GainDb > 0 ? t.GainDb!.Value / Math.Max(t.Instructions, MinInstructions) : -t.Instructions)
            .ThenBy(t => t.Tensor, StringComparer.Ordinal)
            .Select(t => t.Tensor)
            .ToList();

        // The pool: the ranking less what would break a cost cap, in rank order.
        var pool = new List<string>();
        foreach (string t in ranked)
        {
            (Affordable(pool.Append(t)) ? pool : unaffordable).Add(t);
        }

        IReadOnlyList<OutputSnr> poolSnr = pool.Count == 0 ? int8Snr : Judge(Set(pool));
        if (!Meets(poolSnr))
        {
            return Result(pool, false, poolSnr, trials);
        }

        // Shortest prefix of the pool that meets the target (the whole pool does).
        int lo = 1, hi = pool.Count;
        IReadOnlyList<OutputSnr> best = poolSnr;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            IReadOnlyList<OutputSnr> snr = Judge(Set(pool.Take(mid)));
            if (Meets(snr))
            {
                hi = mid;
                best = snr;
            }
            else
            {
                lo = mid + 1;
            }
        }

        // The tensor that completed the prefix may overshoot: a cheaper one ranked after it may do instead.
        var chosen = pool.Take(hi).ToList();
        var price = trials.ToDictionary(t => t.Tensor, t => t.Instructions, StringComparer.Ordinal);
        string last = chosen[^1];
        foreach (string t in pool.Skip(hi).Where(t => price[t] < price[last]).OrderBy(t => price[t]).ThenBy(t => t, StringComparer.Ordinal).Take(MaxSwapTrials))
        {
            var instead = chosen.Take(hi - 1).Append(t).ToList();
            if (!Affordable(instead))
            {
                continue;
            }

            IReadOnlyList<OutputSnr> snr = Judge(Set(instead));
            if (Meets(snr))
            {
                chosen = instead;
                best = snr;
                break;
            }
        }

        // Drop what the rest does not need, the least useful first.
        foreach (string t in chosen.AsEnumerable().Reverse().Take(MaxDropTrials).ToList())
        {
            if (chosen.Count == 1)
            {
                break;
            }

            var without = chosen.Where(c => c != t).ToList();
            IReadOnlyList<OutputSnr> snr = Judge(Set(without));
            if (Meets(snr))
            {
                chosen = without;
                best = snr;
            }
        }

        return Result(chosen, true, best, trials);
    }

    private static HashSet<string> Set(IEnumerable<string> tensors) => new(tensors, StringComparer.Ordinal);
}
