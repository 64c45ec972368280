using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Targets;

/// <summary>How much of one memory region of one core the model needs.</summary>
/// <param name="Core">Core id.</param>
/// <param name="Path"><c>light</c>, <c>heavy</c>, <c>light+heavy</c> or <c>handoff</c>.</param>
/// <param name="Region"><c>flash</c>, <c>ram</c> or <c>shared</c>.</param>
/// <param name="Range">The region from the board profile.</param>
/// <param name="NeededBytes">Bytes needed.</param>
/// <param name="Breakdown">What the needed bytes are made of, for messages.</param>
public sealed record RegionUsage(string Core, string Path, string Region, MemoryRegion Range, long NeededBytes, string Breakdown)
{
    public long AvailableBytes => (long)Range.Size;

    public bool Fits => NeededBytes <= AvailableBytes;

    public double Fraction => AvailableBytes == 0 ? double.PositiveInfinity : (double)NeededBytes / AvailableBytes;
}
