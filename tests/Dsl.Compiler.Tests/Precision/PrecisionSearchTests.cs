using Dsl.Compiler.Precision;
using Xunit;

namespace Dsl.Compiler.Tests.Precision;

/// <summary>The search on synthetic evaluators: each tensor adds a known gain (dB) to one output and costs known
/// instructions, so the least costly set that meets the target is known (brute force over every subset).</summary>
public sealed class PrecisionSearchTests
{
    /// <summary>A tensor of the synthetic model: which output it improves, by how much, at what cost.</summary>
    private sealed record Fake(string Name, string Output, double GainDb, double Instructions);

    private static readonly Fake[] Knapsack =
    [
        new("a", "heavy", 6, 10), new("b", "heavy", 5, 100), new("c", "heavy", 3, 5), new("d", "heavy", 0, 1), new("e", "heavy", 2, 50),
        new("f", "light", 4, 20), new("g", "light", 1, 2),
    ];

    /// <summary>All-int8 SNR: heavy <paramref name="baseDb"/>, light 6 dB better.</summary>
    private static IReadOnlyList<OutputSnr> Snr(IReadOnlyList<Fake> model, IReadOnlySet<string> set, double baseDb) =>
        new[] { ("heavy", baseDb), ("light", baseDb + 6) }
            .Select(o => new OutputSnr(o.Item1, o.Item2 + model.Where(f => f.Output == o.Item1 && set.Contains(f.Name)).Sum(f => f.GainDb))).ToList();

    private static CandidateCost Cost(IReadOnlyList<Fake> model, IReadOnlySet<string> set) =>
        new([new VariantInstructions(CandidateCost.ObjectiveVariant, 1000 + model.Where(f => set.Contains(f.Name)).Sum(f => f.Instructions), 0)],
            new CandidateBytes(0, 0, 0, 0, 0, set.Count));

    private static PrecisionSearch Search(IReadOnlyList<Fake> model, double baseDb, int parallelism = 1) =>
        new(s => Snr(model, s, baseDb), s => Cost(model, s), parallelism);

    /// <summary>The least instructions over every subset that meets the target (null: none does).</summary>
    private static double? BruteForce(IReadOnlyList<Fake> model, double baseDb, double target)
    {
        double? best = null;
        for (int mask = 0; mask < 1 << model.Count; mask++)
        {
            var set = model.Where((_, i) => (mask & (1 << i)) != 0).Select(f => f.Name).ToHashSet();
            if (Snr(model, set, baseDb).All(o => o.SnrDb >= target))
            {
                double c = Cost(model, set).Objective;
                best = best is null ? c : Math.Min(best.Value, c);
            }
        }

        return best;
    }

    [Theory]
    [InlineData(28)]
    [InlineData(24)]
    [InlineData(31)]
    public void MeetsTheTargetOnEveryOutputAtTheLeastCost(double target)
    {
        PrecisionSearchResult r = Search(Knapsack, 20).Run(Knapsack.Select(f => f.Name).ToList(), target);

        Assert.True(r.Met);
        Assert.All(r.Snr, o => Assert.True(o.SnrDb >= target, $"{o.Output}: {o.SnrDb} dB"));
        Assert.Equal(Snr(Knapsack, r.Chosen.ToHashSet(), 20), r.Snr);
        Assert.Equal(BruteForce(Knapsack, 20, target), r.Cost.Objective);
    }

    [Fact]
    public void ChoosesNothingWhenAllInt8MeetsTheTarget()
    {
        PrecisionSearchResult r = Search(Knapsack, 35).Run(Knapsack.Select(f => f.Name).ToList(), 30);

        Assert.True(r.Met);
        Assert.Empty(r.Chosen);
        Assert.Equal(1, r.Evaluations);
        Assert.Equal(r.Int8Cost.Objective, r.Cost.Objective);
    }

    [Fact]
    public void KeepsAllInt16AndSaysSoWhenTheTargetIsOutOfReach()
    {
        // All of heavy's gains: 16 dB over 20 -> 36 dB; light 26 + 5 -> 31 dB: a 32 dB target fails on light.
        PrecisionSearchResult r = Search(Knapsack, 20).Run(Knapsack.Select(f => f.Name).ToList(), 32);

        Assert.False(r.Met);
        Assert.Equal(Knapsack.Select(f => f.Name).Order(StringComparer.Ordinal), r.Chosen);
        Assert.Equal(31, r.Snr.Single(o => o.Output == "light").SnrDb);
        Assert.Equal(36, r.Snr.Single(o => o.Output == "heavy").SnrDb);
        Assert.Equal(2 + Knapsack.Length, r.Evaluations); // all-int8, each tensor alone (the pool's order), the pool
    }

    [Fact]
    public void ACostCapLeavesOutWhatWouldBreakItAndSaysWhich()
    {
        // Without a cap, a 28 dB heavy target takes a and c (+9 dB for 15 instructions); capped at 12 extra
        // instructions, a (10) fits, c (5) no longer does after it, and b (100), e (50) never do: d gains nothing.
        PrecisionSearch capped = new(s => Snr(Knapsack, s, 20), s => Cost(Knapsack, s), 1,
            affordable: s => Cost(Knapsack, s).Objective <= 1012, targeted: o => o.Output == "heavy");
        PrecisionSearchResult r = capped.Run(Knapsack.Select(f => f.Name).ToList(), 28);

        Assert.False(r.Met);
        Assert.True(r.Cost.Objective <= 1012);
        Assert.Contains("a", r.Chosen);
        Assert.Contains("c", r.Unaffordable);
        Assert.DoesNotContain("c", r.Chosen);
    }

    [Fact]
    public void OnlyTheTargetedOutputsMustReachTheTarget()
    {
        // Light starts 6 dB above heavy; a 30 dB target on heavy alone is met with heavy's gains only.
        PrecisionSearch heavyOnly = new(s => Snr(Knapsack, s, 20), s => Cost(Knapsack, s), 1, targeted: o => o.Output == "heavy");
        PrecisionSearchResult r = heavyOnly.Run(Knapsack.Select(f => f.Name).ToList(), 30);

        Assert.True(r.Met);
        Assert.True(r.Snr.Single(o => o.Output == "heavy").SnrDb >= 30);
        Assert.DoesNotContain(r.Chosen, t => Knapsack.Single(f => f.Name == t).Output == "light");
    }

    [Fact]
    public void TiesAreBrokenByNameWhateverTheOrderAndParallelism()
    {
        Fake[] twins = [new("x2", "heavy", 5, 10), new("x1", "heavy", 5, 10), new("y", "light", 0, 1)];

        PrecisionSearchResult forward = Search(twins, 20).Run(["x1", "x2", "y"], 24);
        PrecisionSearchResult backward = Search(twins, 20, parallelism: 4).Run(["y", "x2", "x1"], 24);

        Assert.Equal(["x1"], forward.Chosen);
        Assert.Equal(forward.Chosen, backward.Chosen);
        Assert.Equal(forward.Snr, backward.Snr);
        Assert.Equal(forward.Trials, backward.Trials);
    }

    [Fact]
    public void AcceptsOnlySetsTheEvaluatorJudgedWhenGainsDoNotAdd()
    {
        // p and q help only together (e.g. a producer and its consumer); alone each costs SNR.
        IReadOnlyList<OutputSnr> Interacting(IReadOnlySet<string> s)
        {
            double db = 20 + (s.Contains("p") && s.Contains("q") ? 12 : 0) - (s.Contains("p") ^ s.Contains("q") ? 1 : 0) + (s.Contains("r") ? 2 : 0);
            return [new OutputSnr("heavy", db)];
        }

        Fake[] costs = [new("p", "heavy", 0, 10), new("q", "heavy", 0, 10), new("r", "heavy", 0, 1)];
        var search = new PrecisionSearch(Interacting, s => Cost(costs, s));

        PrecisionSearchResult r = search.Run(["p", "q", "r"], 30);

        Assert.True(r.Met);
        Assert.True(Interacting(r.Chosen.ToHashSet())[0].SnrDb >= 30);
        Assert.Equal(["p", "q"], r.Chosen);
    }
}
