using System.Buffers.Binary;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Validation;

/// <summary>
/// The binary frame trace the test harness writes (docs/generated-api.md): little-endian header
/// <c>"DSLT", version 3, frame_samples, handoff_bytes, out_values</c>, then one per-path record per frame (pass 1),
/// then one m_process record per frame (pass 2).
/// </summary>
/// <param name="FrameSamples">int16 samples per frame in light_out.</param>
/// <param name="HandoffBytes">int8 bytes of one handoff frame.</param>
/// <param name="Frames">The frames in order.</param>
/// <param name="OutValues">Values per frame of heavy_out and the routed output (int16, a classifier head's scores
/// widened); null: <paramref name="FrameSamples"/> (audio).</param>
public sealed record TraceFile(int FrameSamples, int HandoffBytes, IReadOnlyList<FrameRecord> Frames, int? OutValues = null)
{
    public const uint Version = 3;
    public const int HeaderBytes = 20;

    /// <summary>Values per frame of heavy_out and of the routed output.</summary>
    public int HeavyOutValues => OutValues ?? FrameSamples;
    private const int FixedRecordBytes = 20;
    private const int FixedProcessRecordBytes = 12;

    private static ReadOnlySpan<byte> Magic => "DSLT"u8;

    /// <summary>Bytes of one frame record.</summary>
    public static int RecordBytes(int frameSamples, int handoffBytes, int? outValues = null) =>
        FixedRecordBytes + (2 * frameSamples) + handoffBytes + (2 * (outValues ?? frameSamples));

    /// <summary>Bytes of one m_process record.</summary>
    public static int ProcessRecordBytes(int outValues) => FixedProcessRecordBytes + (2 * outValues);

    /// <summary>Bytes of one frame in both passes.</summary>
    public static int FrameBytes(int frameSamples, int handoffBytes, int? outValues = null) =>
        RecordBytes(frameSamples, handoffBytes, outValues) + ProcessRecordBytes(outValues ?? frameSamples);

    /// <summary>Reads a trace file; a bad or truncated file is a <see cref="DslErrorCode.Io"/>
    /// error naming the file, the frame and the byte offset.</summary>
    public static TraceFile Read(string path)
    {
        byte[] bytes = InputFile.ReadBytes(path, "the frame trace");

        return Parse(bytes, path);
    }

    /// <summary>Parses trace bytes; <paramref name="name"/> is used in messages.</summary>
    public static TraceFile Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < HeaderBytes)
        {
            throw Bad(name, 0, $"truncated header: {bytes.Length} bytes, a trace starts with a {HeaderBytes}-byte header " +
                "(did the harness run and exit 0?)");
        }

        if (!bytes[..4].SequenceEqual(Magic))
        {
            throw Bad(name, 0, "not a frame trace: magic is not \"DSLT\"");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw Bad(name, 4, $"unsupported trace version {version}; this dslc reads version {Version}");
        }

        var frameSamples = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        var handoffBytes = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        var outValues = BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]);
        if (outValues is 0 or > 1_000_000)
        {
            throw Bad(name, 16, $"implausible out_values {outValues}");
        }

        if (frameSamples is 0 or > 1_000_000)
        {
            throw Bad(name, 8, $"implausible frame_samples {frameSamples}");
        }

        if (handoffBytes > 100_000_000)
        {
            throw Bad(name, 12, $"implausible handoff_bytes {handoffBytes}");
        }

        var fs = (int)frameSamples;
        var hb = (int)handoffBytes;
        var ov = (int)outValues;
        var recordBytes = RecordBytes(fs, hb, ov);
        var processBytes = ProcessRecordBytes(ov);
        var frameBytes = recordBytes + processBytes;
        var body = bytes.Length - HeaderBytes;
        if (body % frameBytes != 0)
        {
            throw Bad(name, bytes.Length,
                $"truncated trace: {body} bytes after the header are not a whole number of frames of {frameBytes} bytes " +
                $"({recordBytes} per-path + {processBytes} m_process; frame_samples {fs}, handoff_bytes {hb}, out_values {ov}); " +
                "the harness stopped early");
        }

        var count = body / frameBytes;
        var frames = new List<FrameRecord>(count);
        var at = HeaderBytes;
        var processAt = HeaderBytes + (count * recordBytes);
        for (var f = 0; f < count; f++)
        {
            var r = bytes.Slice(at, recordBytes);
            var route = BinaryPrimitives.ReadInt32LittleEndian(r);
            if (route is not (0 or 1))
            {
                throw Bad(name, at, $"frame {f}: route {route} is neither 0 (light) nor 1 (heavy)");
            }

            var replay = BinaryPrimitives.ReadInt32LittleEndian(r[4..]);
            var score = BinaryPrimitives.ReadInt32LittleEndian(r[8..]);
            var li = BinaryPrimitives.ReadUInt32LittleEndian(r[12..]);
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(r[16..]);
            var p = FixedRecordBytes;
            var light = new short[fs];
            for (var i = 0; i < fs; i++, p += 2)
            {
                light[i] = BinaryPrimitives.ReadInt16LittleEndian(r[p..]);
            }

            var handoff = new sbyte[hb];
            for (var i = 0; i < hb; i++, p++)
            {
                handoff[i] = unchecked((sbyte)r[p]);
            }

            var heavy = new short[ov];
            for (var i = 0; i < ov; i++, p += 2)
            {
                heavy[i] = BinaryPrimitives.ReadInt16LittleEndian(r[p..]);
            }

            var q = bytes.Slice(processAt, processBytes);
            var processRoute = BinaryPrimitives.ReadInt32LittleEndian(q);
            if (processRoute is not (0 or 1))
            {
                throw Bad(name, processAt, $"frame {f}: m_process route {processRoute} is neither 0 (light) nor 1 (heavy)");
            }

            var routed = new short[ov];
            for (var i = 0; i < ov; i++)
            {
                routed[i] = BinaryPrimitives.ReadInt16LittleEndian(q[(FixedProcessRecordBytes + (2 * i))..]);
            }

            var process = new ProcessRecord(processRoute, BinaryPrimitives.ReadInt32LittleEndian(q[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(q[8..]), routed);
            frames.Add(new FrameRecord(route, replay, score, li, hi, light, handoff, heavy, process));
            at += recordBytes;
            processAt += processBytes;
        }

        return new TraceFile(fs, hb, frames, ov == fs ? null : ov);
    }

    /// <summary>Serialises to the binary format.</summary>
    public byte[] ToBytes()
    {
        var recordBytes = RecordBytes(FrameSamples, HandoffBytes, HeavyOutValues);
        var processBytes = ProcessRecordBytes(HeavyOutValues);
        var buffer = new byte[HeaderBytes + (Frames.Count * (recordBytes + processBytes))];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)FrameSamples);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)HandoffBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)HeavyOutValues);
        var at = HeaderBytes;
        for (var f = 0; f < Frames.Count; f++)
        {
            var fr = Frames[f];
            if (fr.LightOut.Length != FrameSamples || fr.HeavyOut.Length != HeavyOutValues || fr.Handoff.Length != HandoffBytes
                || fr.Process.Out.Length != HeavyOutValues)
            {
                throw new ArgumentException(
                    $"frame {f}: light_out {fr.LightOut.Length}, heavy_out {fr.HeavyOut.Length}, handoff {fr.Handoff.Length}, " +
                    $"routed out {fr.Process.Out.Length} do not match frame_samples {FrameSamples} / handoff_bytes {HandoffBytes} / out_values {HeavyOutValues}");
            }

            var r = span.Slice(at, recordBytes);
            BinaryPrimitives.WriteInt32LittleEndian(r, fr.Route);
            BinaryPrimitives.WriteInt32LittleEndian(r[4..], fr.ReplayFrames);
            BinaryPrimitives.WriteInt32LittleEndian(r[8..], fr.SwitchScore);
            BinaryPrimitives.WriteUInt32LittleEndian(r[12..], fr.LightInstructions);
            BinaryPrimitives.WriteUInt32LittleEndian(r[16..], fr.HeavyInstructions);
            var p = FixedRecordBytes;
            foreach (var s in fr.LightOut)
            {
                BinaryPrimitives.WriteInt16LittleEndian(r[p..], s);
                p += 2;
            }

            foreach (var b in fr.Handoff)
            {
                r[p++] = unchecked((byte)b);
            }

            foreach (var s in fr.HeavyOut)
            {
                BinaryPrimitives.WriteInt16LittleEndian(r[p..], s);
                p += 2;
            }

            var q = span.Slice(HeaderBytes + (Frames.Count * recordBytes) + (f * processBytes), processBytes);
            BinaryPrimitives.WriteInt32LittleEndian(q, fr.Process.Route);
            BinaryPrimitives.WriteInt32LittleEndian(q[4..], fr.Process.ReplayFrames);
            BinaryPrimitives.WriteInt32LittleEndian(q[8..], fr.Process.SwitchScore);
            for (var i = 0; i < HeavyOutValues; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(q[(FixedProcessRecordBytes + (2 * i))..], fr.Process.Out[i]);
            }

            at += recordBytes;
        }

        return buffer;
    }

    /// <summary>Writes the trace to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        try
        {
            File.WriteAllBytes(path, ToBytes());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: cannot write frame trace: {e.Message}", e);
        }
    }

    private static DslException Bad(string name, long offset, string message) =>
        new(DslErrorCode.Io, $"{name}: byte {offset}: {message}");
}
