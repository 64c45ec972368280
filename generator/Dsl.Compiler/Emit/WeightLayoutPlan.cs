using Dsl.Compiler.Boards;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Which convolutions store their weights in the dsp "pairs4" layout (<see cref="DspPairedWeights"/>: no
/// SXTB16 on weights, 2x the weight bytes plus padding) instead of int8. Chosen per core at generation time: with a
/// board, the candidates are taken by gain per extra byte (output rows per call, then MACs) while the core's
/// flash region still holds the estimate of everything linked into it; without a board (host builds,
/// <c>dslc bench</c> / <c>validate</c> pass theirs) every candidate. The fit check still links and verifies.
/// </summary>
/// <param name="Pairs4Nodes">The nodes whose convolution uses the pairs4 layout.</param>
public sealed record WeightLayoutPlan(IReadOnlySet<string> Pairs4Nodes)
{
    /// <summary>Flash kept for code, the runtime and small constants beyond the counted arrays, plus
    /// <see cref="StepAllowanceBytes"/> per step (a specialised conv step is about 0.5 KiB of code on Cortex-M4).</summary>
    public const long CodeAllowanceBytes = 64 * 1024;

    /// <summary>Flash kept per step of the paths on a core (its code and params).</summary>
    public const long StepAllowanceBytes = 1024;

    /// <summary>Every weight in int8 (the layout of the library kernels).</summary>
    public static WeightLayoutPlan Int8 { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    public bool Pairs4(string node) => Pairs4Nodes.Contains(node);

    /// <summary>The layout name of a step's weights, as the report gives it.</summary>
    public string LayoutOf(string node) => Pairs4(node) ? "pairs4" : "int8";

    /// <summary>The plan for <paramref name="program"/> emitted with <paramref name="variant"/> kernels and
    /// <paramref name="rule"/> (the layout exists in specialised dsp steps only).</summary>
    public static WeightLayoutPlan Choose(ModelProgram program, KernelVariant variant, ConvSpecialisation rule, BoardProfile? board) =>
        Choose(program, PathVariants.Uniform(variant), _ => rule, board);

    /// <summary>The plan for <paramref name="program"/> with each path in its own variant (<see cref="ConvSpecialisation.For"/>
    /// it): candidates come from the dsp paths only.</summary>
    public static WeightLayoutPlan Choose(ModelProgram program, PathVariants variants, BoardProfile? board) =>
        Choose(program, variants, ConvSpecialisation.For, board);

    private static WeightLayoutPlan Choose(ModelProgram program, PathVariants variants, Func<KernelVariant, ConvSpecialisation> ruleOf,
        BoardProfile? board)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Light != KernelVariant.Dsp && variants.Heavy != KernelVariant.Dsp) return Int8;
        var light = (Path: program.Light, Variant: variants.Light);
        var heavy = (Path: program.Heavy, Variant: variants.Heavy);
        IEnumerable<ConvStep> Candidates((PathProgram Path, KernelVariant Variant) p)
        {
            if (p.Variant != KernelVariant.Dsp) return [];
            var rule = ruleOf(p.Variant);
            return p.Path.Steps.Where(rule.Applies).Select(TransposedConvAsConv.EmittedConv).OfType<ConvStep>().Where(DspPairedWeights.Fits);
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        if (board is null)
        {
            chosen.UnionWith(Candidates(light).Concat(Candidates(heavy)).Select(s => s.Node));
            return new WeightLayoutPlan(chosen);
        }

        var cores = board.IsSingleCore
            ? [(board.Light, new[] { light, heavy })]
            : new[] { (board.Light, new[] { light }), (board.Heavy, new[] { heavy }) };
        foreach (var (core, paths) in cores)
        {
            var budget = (long)core.Flash.Size - paths.Sum(p => ConstantBytes(p.Path)) - CodeAllowanceBytes
                         - StepAllowanceBytes * paths.Sum(p => p.Path.Steps.Count);
            var ordered = paths.SelectMany(Candidates)
                .OrderByDescending(s => s.OutRows)
                .ThenByDescending(s => (long)s.OutRows * s.Weights.Length)
                .ThenBy(s => s.Node, StringComparer.Ordinal);
            foreach (var s in ordered)
            {
                var extra = DspPairedWeights.ExtraBytes(s);
                if (extra > budget) continue;
                budget -= extra;
                chosen.Add(s.Node);
            }
        }

        return new WeightLayoutPlan(chosen);
    }

    /// <summary>The constant arrays of a path in int8 layout: weights, bias, multipliers, shifts, LUTs.</summary>
    private static long ConstantBytes(PathProgram path) => path.Steps.Sum(step => step switch
    {
        ConvStep c => c.Weights.Length + StageBytes(c.Stage),
        ConvTransposeStep t => t.Weights.Length + StageBytes(t.Stage),
        LutStep => 256L,
        CurveStep c => c.Table.Length * 2L,
        AddStep a => (a.Lut is null ? 0 : 256L) + (a.ConstantB?.Length ?? 0) + (2L * (a.ConstantB16?.Length ?? 0)),
        MulStep m => (m.Lut is null ? 0 : 256L) + (m.ConstantB?.Length ?? 0) + (2L * (m.ConstantB16?.Length ?? 0)),
        _ => 0L,
    });

    private static long StageBytes(OutputStage s) =>
        4L * (s.Bias.Length + s.Multiplier.Length + s.Shift.Length) + (s.Lut is null ? 0 : 256);
}
