using Dsl.Compiler.Boards;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Which convolution steps get a function of their own, the kernel body inlined with the step's shape
/// as constants (the C compiler unrolls over channels and taps). It pays where channels are few: there
/// the generic kernel's loop and call overhead dominates, and the unrolled code stays small in flash.
/// Rule: every channel count of the step (in and out) is at most <see cref="MaxChannels"/>.
/// </summary>
/// <param name="MaxChannels">0 specialises nothing; a large value every convolution.</param>
public sealed record ConvSpecialisation(int MaxChannels)
{
    /// <summary>
    /// The rule dslc uses for a kernel variant, from QEMU instruction counts of the shipped model's steps
    /// (dslc bench --layers): with Helium (mve) every convolution (constant shape and output-stage form:
    /// one-row 24 to 192 channel layers -26 % to -40 %, the heavy call -17 %, flash smaller as the library
    /// kernels drop out); the dsp and portable C dots gain up to 8 channels, and beyond that the unrolled C
    /// loses to the out-of-line SMLAD asm loop (+10 to +30 % on 12 to 24 channels).
    /// </summary>
    public static ConvSpecialisation For(KernelVariant variant) => variant == KernelVariant.Mve ? All : new(8);

    /// <summary>Every convolution specialised.</summary>
    public static ConvSpecialisation All { get; } = new(int.MaxValue);

    /// <summary>Nothing specialised: every step calls its library kernel.</summary>
    public static ConvSpecialisation None { get; } = new(0);

    public bool Applies(Step step) => step switch
    {
        ConvStep c => Small(c.InChannels, c.OutChannels),
        ConvTransposeStep t => Small(t.InChannels, t.OutChannels),
        _ => false,
    };

    private bool Small(int inChannels, int outChannels) => inChannels <= MaxChannels && outChannels <= MaxChannels;
}
