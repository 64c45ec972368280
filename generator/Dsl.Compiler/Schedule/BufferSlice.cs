namespace Dsl.Compiler.Schedule;

/// <summary>A byte range in one region; the element type is known from the step that uses it.</summary>
public sealed record BufferSlice(BufferRegion Region, int Offset, int Bytes)
{
    public BufferSlice At(int extraOffset, int bytes) => new(Region, Offset + extraOffset, bytes);

    public override string ToString() => $"{Region}+{Offset}[{Bytes}]";
}
