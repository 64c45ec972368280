namespace Dsl.Compiler.Boards;

/// <summary>Which implementation of the runtime kernels a core gets (runtime-c/src/&lt;variant&gt;/).</summary>
public enum KernelVariant
{
    /// <summary>Plain C99, any core.</summary>
    Portable,

    /// <summary>Armv7E-M / Armv8-M DSP extension (SMLAD, SXTB16).</summary>
    Dsp,

    /// <summary>Armv8.1-M Helium (MVE) intrinsics.</summary>
    Mve,
}
