using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Emit;

/// <summary>How <see cref="CEmitter"/> builds the output folder.</summary>
/// <param name="RuntimeDir">The <c>runtime-c/</c> folder (with <c>include/</c> and <c>src/&lt;variant&gt;/</c>) the kernels are copied from.</param>
/// <param name="KernelVariant">Which kernel implementations to copy; kernels without such a variant fall back to portable.</param>
/// <param name="Specialisation">Which convolution steps get code specialised to their shape; null: <see cref="ConvSpecialisation.For"/> the variant.</param>
/// <param name="Layout">Which convolutions store their weights in the dsp pairs4 layout; null: none (<see cref="WeightLayoutPlan.Choose"/> picks them per board).</param>
public sealed record EmitOptions(
    string RuntimeDir,
    KernelVariant KernelVariant = KernelVariant.Portable,
    ConvSpecialisation? Specialisation = null,
    WeightLayoutPlan? Layout = null)
{
    public ConvSpecialisation SpecialisationRule => Specialisation ?? ConvSpecialisation.For(KernelVariant);

    public WeightLayoutPlan LayoutPlan => Layout ?? WeightLayoutPlan.Int8;
}
