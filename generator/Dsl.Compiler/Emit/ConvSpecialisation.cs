using Dsl.Compiler.Boards;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Which convolution steps get a function of their own, the kernel body inlined with the step's shape
/// as constants (the C compiler unrolls over channels and taps, and the output stage loses its run-time tests).
/// With dsp and Helium kernels it pays at every size (<see cref="For"/>); with portable C where channels are few.
/// Rule: every channel count of the step (in and out) is at most <see cref="MaxChannels"/>; every transposed
/// convolution while the rule is on (MaxChannels > 0): its phases are dense convolutions with long dot products
/// at any channel count, and the constant shape and output-stage form pay at every size (QEMU instruction counts
/// of the shipped model's transposed convs wider than the channel rule, against the library kernel: Cortex-M4 dsp
/// 16->8 -43 %, 12->8 -21 %, 24->12 -15 %, 64->24 -8 %, 192->64 -8 %; Cortex-M55 mve 64->24 -36 %, 192->64 -43 %;
/// the paths' .text shrinks, as the library kernel is no longer linked).
/// </summary>
/// <param name="MaxChannels">0 specialises nothing; a large value every convolution.</param>
public sealed record ConvSpecialisation(int MaxChannels)
{
    /// <summary>
    /// The rule dslc uses for a kernel variant, from QEMU instruction counts of the shipped model's steps
    /// (dslc bench --layers): with Helium (mve) every convolution (constant shape and output-stage form:
    /// one-row 24 to 192 channel layers -26 % to -40 %, the heavy call -17 %); with dsp every convolution (its
    /// skeleton keeps runs longer than 16 in the out-of-line SMLAD asm loops and only drops the loop and
    /// output-stage overhead: -5 to -35 % per step on 16 to 192 channels); flash shrinks with both, as the library
    /// kernels are no longer linked. The portable C dots gain up to 8 channels.
    /// </summary>
    public static ConvSpecialisation For(KernelVariant variant) => variant switch
    {
        KernelVariant.Mve or KernelVariant.Dsp => All,
        _ => new(8),
    };

    /// <summary>Every convolution specialised.</summary>
    public static ConvSpecialisation All { get; } = new(int.MaxValue);

    /// <summary>Nothing specialised: every step calls its library kernel.</summary>
    public static ConvSpecialisation None { get; } = new(0);

    /// <remarks>Convolutions of every kind have specialised bodies; transposed convolutions with an int16 side only where
    /// they are emitted as convolutions (<see cref="TransposedConvAsConv"/>), else they call their library kernels.</remarks>
    public bool Applies(Step step) => step switch
    {
        ConvStep c => Small(c.InChannels, c.OutChannels),
        ConvTransposeStep t => (t.Kind == ConvKind.S8 || TransposedConvAsConv.Applies(t)) && MaxChannels > 0,
        _ => false,
    };

    private bool Small(int inChannels, int outChannels) => inChannels <= MaxChannels && outChannels <= MaxChannels;
}
