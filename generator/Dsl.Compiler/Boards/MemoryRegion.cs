namespace Dsl.Compiler.Boards;

/// <summary>A contiguous address range as one core sees it.</summary>
public sealed record MemoryRegion(ulong Origin, ulong Size)
{
    /// <summary>First address past the region.</summary>
    public ulong End => Origin + Size;

    public bool Overlaps(MemoryRegion other) => Origin < other.End && other.Origin < End;

    public override string ToString() => $"0x{Origin:X8}..0x{End - 1:X8} ({Size} bytes)";
}
