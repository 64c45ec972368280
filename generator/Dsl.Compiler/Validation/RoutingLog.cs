using System.Buffers.Binary;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Validation;

/// <summary>
/// The two-core harness's <c>&lt;trace&gt;.routing</c> (runtime-c/harness/dsl_harness_two_cores_light.c):
/// little-endian <c>"DSLR", version 1, latency, period</c>, one <see cref="RoutedSource"/> byte per frame, then
/// <c>frames, late, lost, overruns</c>.
/// </summary>
/// <param name="Latency">The routed output's latency in frames (the firmware's <c>ROUTED_LATENCY_FRAMES</c>).</param>
/// <param name="PeriodInstructions">Frame period of a paced run in virtual-clock instructions (both cores); 0 lockstep.</param>
/// <param name="Sources">Per frame, where its routed output came from.</param>
/// <param name="Late">Heavy frames whose routed output fell back to the light output.</param>
/// <param name="Lost">Heavy frames without a valid heavy output (the handoff ring's count, whole run).</param>
/// <param name="Overruns">Needed frames the light core overwrote before the heavy core was done (whole run).</param>
public sealed record RoutingLog(int Latency, uint PeriodInstructions, IReadOnlyList<RoutedSource> Sources, uint Late, uint Lost, uint Overruns)
{
    public const uint Version = 1;
    private const int HeaderBytes = 16;
    private const int TrailerBytes = 16;

    private static ReadOnlySpan<byte> Magic => "DSLR"u8;

    /// <summary>The run was paced (the light core did not wait for the heavy core).</summary>
    public bool Paced => PeriodInstructions != 0;

    /// <summary>Reads a routing log; a bad file is a <see cref="DslErrorCode.Io"/> error naming it.</summary>
    public static RoutingLog Read(string path)
    {
        byte[] bytes = InputFile.ReadBytes(path, "the routing log");

        return Parse(bytes, path);
    }

    /// <summary>Parses routing-log bytes; <paramref name="name"/> is used in messages.</summary>
    public static RoutingLog Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < HeaderBytes + TrailerBytes || !bytes[..4].SequenceEqual(Magic))
        {
            throw Bad(name, 0, $"not a routing log (\"DSLR\" header and counts, {HeaderBytes + TrailerBytes} bytes at least; {bytes.Length} bytes)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw Bad(name, 4, $"unsupported routing log version {version}; this dslc reads version {Version}");
        }

        int latency = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]), int.MaxValue);
        uint period = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        ReadOnlySpan<byte> body = bytes[HeaderBytes..^TrailerBytes];
        ReadOnlySpan<byte> tail = bytes[^TrailerBytes..];
        uint frames = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (frames != (uint)body.Length)
        {
            throw Bad(name, bytes.Length - TrailerBytes, $"{body.Length} frame bytes, but the counts say {frames} frames (the harness stopped early?)");
        }

        var sources = new RoutedSource[body.Length];
        for (int f = 0; f < body.Length; f++)
        {
            if (body[f] is not ((byte)RoutedSource.Light or (byte)RoutedSource.Heavy or (byte)RoutedSource.Late))
            {
                throw Bad(name, HeaderBytes + f, $"frame {f}: routed source {body[f]} is none of 1 (light), 2 (heavy), 3 (late)");
            }

            sources[f] = (RoutedSource)body[f];
        }

        uint late = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        int lateFrames = sources.Count(s => s == RoutedSource.Late);
        if (late != (uint)lateFrames)
        {
            throw Bad(name, bytes.Length - 12, $"late count {late}, but {lateFrames} frames are marked late");
        }

        return new RoutingLog(latency, period, sources, late, BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(tail[12..]));
    }

    /// <summary>Serialises to the binary format (tests).</summary>
    public byte[] ToBytes()
    {
        var buffer = new byte[HeaderBytes + Sources.Count + TrailerBytes];
        Span<byte> span = buffer;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)Latency);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], PeriodInstructions);
        for (int f = 0; f < Sources.Count; f++)
        {
            span[HeaderBytes + f] = (byte)Sources[f];
        }

        Span<byte> tail = span[^TrailerBytes..];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, (uint)Sources.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[4..], Late);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[8..], Lost);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[12..], Overruns);
        return buffer;
    }

    private static DslException Bad(string name, long offset, string message) =>
        new(DslErrorCode.Io, $"{name}: byte {offset}: {message}");
}
