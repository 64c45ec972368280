namespace Dsl.Compiler.Targets;

/// <summary>Memory one path needs on its core.</summary>
/// <param name="TextBytes">Code (.text).</param>
/// <param name="RodataBytes">Constants: weights, tables (.rodata).</param>
/// <param name="ArenaBytes">Scratch arena of the path.</param>
/// <param name="StateBytes">Persistent streaming state of the path.</param>
/// <param name="BssBytes">Other zero-initialised / data bytes of the path.</param>
public sealed record PathFootprint(long TextBytes, long RodataBytes, long ArenaBytes, long StateBytes, long BssBytes)
{
    public long FlashBytes => TextBytes + RodataBytes;

    public long RamBytes => ArenaBytes + StateBytes + BssBytes;

    public static PathFootprint operator +(PathFootprint a, PathFootprint b) =>
        new(a.TextBytes + b.TextBytes, a.RodataBytes + b.RodataBytes, a.ArenaBytes + b.ArenaBytes,
            a.StateBytes + b.StateBytes, a.BssBytes + b.BssBytes);
}
