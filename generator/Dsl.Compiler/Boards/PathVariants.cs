namespace Dsl.Compiler.Boards;

/// <summary>The kernel variant each path is emitted and compiled with: on a two-core board the variant of the
/// core that runs it (light and heavy may differ), on a single-core board or the host one variant for both.</summary>
/// <param name="Light">The light path's variant (and the folder's, when both are the same).</param>
/// <param name="Heavy">The heavy path's variant.</param>
public sealed record PathVariants(KernelVariant Light, KernelVariant Heavy)
{
    /// <summary>One variant for both paths.</summary>
    public static PathVariants Uniform(KernelVariant variant) => new(variant, variant);

    /// <summary>Each path in the variant of the core the board runs it on.</summary>
    public static PathVariants Of(BoardProfile board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(board.Light.KernelVariant, board.Heavy.KernelVariant);
    }

    public bool IsUniform => Light == Heavy;

    /// <summary>The variants in use, least capable first (portable &lt; dsp &lt; mve).</summary>
    public IReadOnlyList<KernelVariant> Distinct => IsUniform ? [Light] : [.. new[] { Light, Heavy }.Order()];
}
