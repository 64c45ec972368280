using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Emit;

/// <summary>
/// One force-inlined kernel body of runtime-c/include/ and the macros that instantiate it
/// (dsl_conv1d_body.h: <c>DSL_CONV1D_*</c>; dsl_conv_transpose1d_body.h: none beyond DSL_DOT).
/// </summary>
internal sealed record CKernelBody(string Name, string Header, string InType, string OutType, string Store, bool Int16In)
{
    public static CKernelBody Conv1dS8 { get; } = new("dsl_conv1d_s8_body", "dsl_conv1d_body.h", "int8_t", "int8_t", "dsl_stage_s8", false);

    public static CKernelBody Conv1dS16S8 { get; } = new("dsl_conv1d_s16_s8_body", "dsl_conv1d_body.h", "int16_t", "int8_t", "dsl_stage_s8", true);

    public static CKernelBody Conv1dS8S16 { get; } = new("dsl_conv1d_s8_s16_body", "dsl_conv1d_body.h", "int8_t", "int16_t", "dsl_stage_s16", false);

    public static CKernelBody Conv1dS16S16 { get; } = new("dsl_conv1d_s16_s16_body", "dsl_conv1d_body.h", "int16_t", "int16_t", "dsl_stage_s16", true);

    public static CKernelBody ConvTranspose1dS8 { get; } =
        new("dsl_conv_transpose1d_s8_body", "dsl_conv_transpose1d_body.h", "int8_t", "int8_t", "dsl_stage_s8", false);

    /// <summary>dsl_conv1d_s8 on weights in the dsp pairs4 layout (<see cref="DspPairedWeights"/>).</summary>
    public static CKernelBody Conv1dS8Pairs4 { get; } =
        new("dsl_conv1d_s8_pairs4_body", "dsl_conv1d_dsp_pairs_body.h", "int8_t", "int8_t", "dsl_stage_s8", false);

    /// <summary>dsl_conv1d_s8_s16 on weights in the dsp pairs4 layout.</summary>
    public static CKernelBody Conv1dS8S16Pairs4 { get; } =
        new("dsl_conv1d_s8_s16_pairs4_body", "dsl_conv1d_dsp_pairs_body.h", "int8_t", "int16_t", "dsl_stage_s16", false);

    /// <summary>dsl_conv1d_s16_s8 on weights in the dsp pairs4s16 layout (int16 input).</summary>
    public static CKernelBody Conv1dS16S8Pairs4 { get; } =
        new("dsl_conv1d_s16_s8_pairs4_body", "dsl_conv1d_dsp_pairs_body.h", "int16_t", "int8_t", "dsl_stage_s8", true);

    /// <summary>dsl_conv1d_s16_s16 on weights in the dsp pairs4s16 layout (int16 input).</summary>
    public static CKernelBody Conv1dS16S16Pairs4 { get; } =
        new("dsl_conv1d_s16_s16_pairs4_body", "dsl_conv1d_dsp_pairs_body.h", "int16_t", "int16_t", "dsl_stage_s16", true);

    /// <summary>True for the conv1d skeletons, whose instantiation needs the DSL_CONV1D_* macros.</summary>
    public bool Conv1d => Name.StartsWith("dsl_conv1d_", StringComparison.Ordinal);

    /// <summary>
    /// The skeleton a variant instantiates: dsp and Helium kernels block conv1d in their own skeletons (same
    /// macros, signature and bits as dsl_conv1d_body.h): dsl_conv1d_dsp_body.h for SMLAD, dsl_conv1d_mve_body.h
    /// blocks outputs by 4 for the vector output stage.
    /// </summary>
    public CKernelBody For(KernelVariant variant) => (variant, Header) switch
    {
        (KernelVariant.Dsp, "dsl_conv1d_body.h") => this with { Header = "dsl_conv1d_dsp_body.h" },
        (KernelVariant.Mve, "dsl_conv1d_body.h") => this with { Header = "dsl_conv1d_mve_body.h" },
        _ => this,
    };
}
