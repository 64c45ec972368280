using System.Collections.Concurrent;
using System.Diagnostics;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Precision;

/// <summary>
/// Decides which tensors are int16: the set given with --int16, nothing when the target is off, the cached decision
/// when precision.json of an earlier run has the same key, else <see cref="PrecisionSearch"/> on the calibration audio.
/// </summary>
public static class PrecisionAnalysis
{
    /// <summary>How much int16 may raise the always-on light path's estimated instructions per frame, in each of
    /// <see cref="CappedVariants"/> (the budget: 20 % on M4 and M55).</summary>
    public const double LightGrowthCap = 0.20;

    /// <summary>How a tensor kept int8 by the cap starts its reason (report.md, precision.json).</summary>
    public const string CappedWhy = "int8: int16 would raise the light path";

    /// <summary>The kernel variants the light-path cap is checked in: dsp (Cortex-M4/M33) and mve (M55).</summary>
    public static readonly IReadOnlyList<string> CappedVariants = ["dsp", "mve"];

    public static PrecisionChoice Decide(PrecisionInputs inputs, TargetSnr target, IReadOnlySet<string>? given, string? cachePath,
        int parallelism = 2, KernelCostTable? table = null)
    {
        table ??= KernelCostTable.Shipped();
        var programs = new ConcurrentDictionary<string, ModelProgram>(StringComparer.Ordinal);
        ModelProgram Program(IReadOnlySet<string> set) =>
            programs.GetOrAdd(string.Join('\n', set.Order(StringComparer.Ordinal)), _ => inputs.Build(set));
        CandidateCost Cost(IReadOnlySet<string> set) => CandidateCost.Of(Program(set), table);
        var eligible = inputs.Candidates.Where(c => c.Value is null).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var none = new HashSet<string>(StringComparer.Ordinal);

        if (given is not null || target.Off)
        {
            IReadOnlySet<string> set = given ?? none;
            var trials = eligible.Select(t => Alone(t, null, Cost(none), Cost)).ToList();
            return Choice(inputs, target, given is not null ? "int16-option" : "off", set.Order(StringComparer.Ordinal).ToList(), true, [], [],
                Cost(set), Cost(none), trials, 0, 0, 0, Program(set), table);
        }

        if (PrecisionJson.Read(cachePath, inputs.Key) is { } cached)
        {
            return cached with { Source = "cache", SearchSeconds = 0 };
        }

        var clock = Stopwatch.StartNew();
        CandidateEvaluator Evaluator(int budget) => new(inputs.Graph, inputs.Manifest, inputs.HasLightOutput,
            EvaluationAudio.From(inputs.CalibrationClips, inputs.GainsDb, inputs.Manifest.Frame, budget));
        CandidateEvaluator evaluator = Evaluator(EvaluationAudio.FrameBudget);
        CandidateEvaluator ranker = Evaluator(EvaluationAudio.RankFrameBudget);
        CandidateCost int8 = Cost(none);
        // The target is the issue's: the heavy output against float, always heavy; the light output is reported.
        var heavy = new HashSet<string>(inputs.Manifest.HeavyOutputs, StringComparer.Ordinal);
        var search = new PrecisionSearch(set => evaluator.Evaluate(Program(set)), Cost, parallelism, set => ranker.Evaluate(Program(set)),
            affordable: set => LightWithinCap(Cost(set), int8), targeted: o => heavy.Contains(o.Output));
        PrecisionSearchResult r = search.Run(eligible, target.Db);
        return Choice(inputs, target, "search", r.Chosen, r.Met, r.Snr, r.Int8Snr, r.Cost, r.Int8Cost, r.Trials,
            evaluator.Frames(inputs.Manifest.Frame), r.Evaluations, clock.Elapsed.TotalSeconds, Program(new HashSet<string>(r.Chosen, StringComparer.Ordinal)), table,
            r.Unaffordable);
    }

    private static bool LightWithinCap(CandidateCost cost, CandidateCost int8) =>
        CappedVariants.All(v =>
            cost.Instructions.FirstOrDefault(i => i.Variant == v) is not { } c
            || int8.Instructions.FirstOrDefault(i => i.Variant == v) is not { } b
            || c.Light <= b.Light * (1 + LightGrowthCap));

    private static TensorTrial Alone(string tensor, double? gain, CandidateCost int8, Func<IReadOnlySet<string>, CandidateCost> cost)
    {
        CandidateCost c = cost(new HashSet<string>([tensor], StringComparer.Ordinal));
        return new TensorTrial(tensor, gain, c.Objective - int8.Objective, c.Bytes.Total - int8.Bytes.Total);
    }

    private static PrecisionChoice Choice(PrecisionInputs inputs, TargetSnr target, string source, IReadOnlyList<string> chosen, bool met,
        IReadOnlyList<OutputSnr> snr, IReadOnlyList<OutputSnr> int8Snr, CandidateCost cost, CandidateCost int8Cost, IReadOnlyList<TensorTrial> trials,
        int frames, int evaluations, double seconds, ModelProgram program, KernelCostTable table, IReadOnlyList<string>? unaffordable = null)
    {
        var capped = new HashSet<string>(unaffordable ?? [], StringComparer.Ordinal);
        var picked = new HashSet<string>(chosen, StringComparer.Ordinal);
        var byTensor = trials.ToDictionary(t => t.Tensor, StringComparer.Ordinal);
        var tensors = inputs.Candidates.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            string? reason = inputs.Candidates[name];
            if (reason is not null)
            {
                return new TensorPrecision(name, "int8", "not eligible: " + reason, false, null, null, null);
            }

            TensorTrial t = byTensor[name];
            string why = (source, picked.Contains(name)) switch
            {
                ("int16-option", true) => "given by --int16",
                ("int16-option", false) => "not given by --int16",
                ("off", _) => "--target-snr off",
                (_, true) when !met => "int16: the target is out of reach, so every affordable tensor is",
                (_, false) when capped.Contains(name) => $"{CappedWhy} over its +{LightGrowthCap * 100:0} % instruction cap",
                (_, true) => "chosen: needed for the target",
                (_, false) when t.GainDb is null => "not needed: all-int8 meets the target",
                _ => "not needed: the target holds without it",
            };
            return new TensorPrecision(name, picked.Contains(name) ? "int16" : "int8", why, true, t.GainDb, t.Instructions, t.Bytes);
        }).ToList();
        return new PrecisionChoice(inputs.Key, target.Off ? null : target.Db, source, chosen, met || target.Off, snr, int8Snr, cost, int8Cost, tensors,
            frames, evaluations, seconds, CandidateCost.UnmeasuredOps(program, table), table.Note);
    }
}
