using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Precision;

/// <summary>
/// What one precision candidate costs: estimated instructions per frame of each path in every kernel variant
/// (<see cref="KernelCostTable"/>: MACs or elements or bytes of each step times the figure of its kernel) and its
/// bytes, exact from its memory plan. The search minimises <see cref="Objective"/>, then <see cref="CandidateBytes.Total"/>.
/// </summary>
public sealed record CandidateCost(IReadOnlyList<VariantInstructions> Instructions, CandidateBytes Bytes)
{
    /// <summary>The variant the search prices with: the Cortex-M4/M33 DSP kernels, the middle of the three, so that
    /// the chosen set (and with it the numerics) is the same whatever board a command names.</summary>
    public const string ObjectiveVariant = "dsp";

    /// <summary>Instructions per frame of both paths (always-heavy: the light frame plus one heavy call) in
    /// <see cref="ObjectiveVariant"/>.</summary>
    public double Objective
    {
        get
        {
            VariantInstructions v = Instructions.FirstOrDefault(i => i.Variant == ObjectiveVariant) ?? Instructions[0];
            return v.Light + v.Heavy;
        }
    }

    /// <summary>The cost of <paramref name="program"/> under <paramref name="table"/>.</summary>
    public static CandidateCost Of(ModelProgram program, KernelCostTable table)
    {
        var instructions = table.Variants
            .Select(v => new VariantInstructions(v, PathInstructions(program.Light, table, v), PathInstructions(program.Heavy, table, v)))
            .ToList();
        long weights = ModelReport.WeightBytesByNode(program).Values.Sum();
        var bytes = new CandidateBytes(program.Light.ArenaBytes, program.Light.StateBytes, program.Heavy.ArenaBytes, program.Heavy.StateBytes,
            program.HandoffBytes * (program.ReplayFrames + 1), weights);
        return new CandidateCost(instructions, bytes);
    }

    /// <summary>Ops of <paramref name="program"/> the table has no measured figure for (provisional or fallback), sorted.</summary>
    public static IReadOnlyList<string> UnmeasuredOps(ModelProgram program, KernelCostTable table) =>
        program.Light.Steps.Concat(program.Heavy.Steps)
            .Select((s, i) => StepSummary.Of(s, i).Op)
            .Distinct()
            .Where(op => table.Variants.Any(v => table.Of(v, op).Source != "measured"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static double PathInstructions(PathProgram path, KernelCostTable table, string variant)
    {
        double sum = 0;
        for (int i = 0; i < path.Steps.Count; i++)
        {
            Step step = path.Steps[i];
            StepSummary summary = StepSummary.Of(step, i);
            KernelCost cost = table.Of(variant, summary.Op);
            double units = cost.Per switch
            {
                "mac" => summary.Macs,
                "byte" => BytesMoved(step),
                _ => Elements(step),
            };
            sum += units * cost.Instructions;
        }

        return sum;
    }

    private static long Elements(Step step) => step switch
    {
        AddStep a => (long)a.Rows * a.Channels,
        MulStep m => (long)m.Rows * m.Channels,
        LutStep l => l.Count,
        CurveStep c => c.Count,
        RescaleStep r => (long)r.Rows * r.Channels,
        _ => BytesMoved(step),
    };

    private static long BytesMoved(Step step) => step switch
    {
        CopyStep c => c.Source.Bytes,
        HistoryShiftStep h => (long)h.HistoryBytes + h.NewBytes,
        _ => 0,
    };
}
