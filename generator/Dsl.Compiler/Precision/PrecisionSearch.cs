namespace Dsl.Compiler.Precision;

/// <summary>
/// Picks the int16 tensors: the least costly set found that brings every audio output to the target SNR.
/// <list type="number">
/// <item>All-int8 meets the target: nothing is int16. All-int16 misses it: all-int16, the best there is (not met).</item>
/// <item>Each eligible tensor alone is measured: its gain is the SNR it adds toward the target, summed over the outputs
/// below it (capped at the target); its cost is against all-int8.</item>
/// <item>Tensors are ranked by gain per instruction (gainless ones last, cheapest first; ties by name) and the shortest
/// prefix of the ranking that meets the target is found by bisection (all of it does); the tensor that completed it
/// is replaced by the cheapest later one that also meets the target, if any (at most <see cref="MaxSwapTrials"/> tried).</item>
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
public sealed class PrecisionSearch(
    Func<IReadOnlySet<string>, IReadOnlyList<OutputSnr>> evaluate,
    Func<IReadOnlySet<string>, CandidateCost> cost,
    int parallelism = 1,
    Func<IReadOnlySet<string>, IReadOnlyList<OutputSnr>>? rank = null)
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

        bool Meets(IReadOnlyList<OutputSnr> snr) => snr.All(o => o.SnrDb >= targetDb);
        // Progress toward the target, summed over outputs and capped at it: a tensor that only helps an output
        // already on target gains nothing, one that helps two lagging outputs gains on both.
        double Shortfall(IReadOnlyList<OutputSnr> snr) => snr.Sum(o => Math.Max(0, targetDb - o.SnrDb));

        var none = Set([]);
        IReadOnlyList<OutputSnr> int8Snr = Judge(none);
        CandidateCost int8Cost = cost(none);
        TensorTrial Priced(string t, double? gain)
        {
            CandidateCost c = cost(Set([t]));
            return new TensorTrial(t, gain, c.Objective - int8Cost.Objective, c.Bytes.Total - int8Cost.Bytes.Total);
        }

        PrecisionSearchResult Result(IReadOnlyList<string> chosen, bool met, IReadOnlyList<OutputSnr> snr, IReadOnlyList<TensorTrial> trials) =>
            new(chosen.Order(StringComparer.Ordinal).ToList(), met, snr, cost(Set(chosen)), int8Snr, int8Cost, trials, evaluations);

        if (Meets(int8Snr) || all.Count == 0)
        {
            return Result([], Meets(int8Snr), int8Snr, all.Select(t => Priced(t, null)).ToList());
        }

        IReadOnlyList<OutputSnr> int16Snr = Judge(Set(all));
        if (!Meets(int16Snr))
        {
            return Result(all, false, int16Snr, all.Select(t => Priced(t, null)).ToList());
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

        // Shortest prefix that meets the target (the whole ranking does: it is all-int16).
        int lo = 1, hi = ranked.Count;
        IReadOnlyList<OutputSnr> best = int16Snr;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            IReadOnlyList<OutputSnr> snr = Judge(Set(ranked.Take(mid)));
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
        var chosen = ranked.Take(hi).ToList();
        var price = trials.ToDictionary(t => t.Tensor, t => t.Instructions, StringComparer.Ordinal);
        string last = chosen[^1];
        foreach (string t in ranked.Skip(hi).Where(t => price[t] < price[last]).OrderBy(t => price[t]).ThenBy(t => t, StringComparer.Ordinal).Take(MaxSwapTrials))
        {
            var instead = chosen.Take(hi - 1).Append(t).ToList();
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
