using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Emit;

/// <summary>How <see cref="CEmitter"/> builds the output folder.</summary>
/// <param name="RuntimeDir">The <c>runtime-c/</c> folder (with <c>include/</c> and <c>src/&lt;variant&gt;/</c>) the kernels are copied from.</param>
/// <param name="KernelVariant">Which kernel implementations the light path uses (and the heavy path unless
/// <paramref name="HeavyKernelVariant"/>); kernels without such a variant fall back to portable.</param>
/// <param name="Specialisation">Which convolution steps get code specialised to their shape; null: <see cref="ConvSpecialisation.For"/> each path's variant.</param>
/// <param name="Layout">Which convolutions store their weights in the dsp pairs4 layout; null: none (<see cref="WeightLayoutPlan.Choose(Schedule.ModelProgram, PathVariants, BoardProfile?)"/> picks them per board).
/// Applied on dsp paths only.</param>
/// <param name="HeavyKernelVariant">The heavy path's variant when it runs on another core than the light path; null: <paramref name="KernelVariant"/>.</param>
public sealed record EmitOptions(
    string RuntimeDir,
    KernelVariant KernelVariant = KernelVariant.Portable,
    ConvSpecialisation? Specialisation = null,
    WeightLayoutPlan? Layout = null,
    KernelVariant? HeavyKernelVariant = null)
{
    /// <summary>Options emitting each path with its own variant (<see cref="PathVariants"/>).</summary>
    public static EmitOptions For(string runtimeDir, PathVariants variants, WeightLayoutPlan? layout = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        return new(runtimeDir, variants.Light, null, layout, variants.Heavy);
    }

    public PathVariants Variants => new(KernelVariant, HeavyKernelVariant ?? KernelVariant);

    /// <summary>The light path's rule.</summary>
    public ConvSpecialisation SpecialisationRule => Specialisation ?? ConvSpecialisation.For(Variants.Light);

    /// <summary>The heavy path's rule.</summary>
    public ConvSpecialisation HeavySpecialisationRule => Specialisation ?? ConvSpecialisation.For(Variants.Heavy);

    public WeightLayoutPlan LayoutPlan => Layout ?? WeightLayoutPlan.Int8;

    /// <summary>The layout plan of a path in <paramref name="variant"/>: the pairs4 layout has a dsp body only.</summary>
    public WeightLayoutPlan LayoutPlanFor(KernelVariant variant) => variant == KernelVariant.Dsp ? LayoutPlan : WeightLayoutPlan.Int8;
}
