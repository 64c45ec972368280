using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Targets;

public class TraceFileTests
{
    private static TraceFile Sample() => new(3, 2,
    [
        FrameRecord.Routed(0, 0, -5, 100, 0, [1, -2, 3], [7, -8], [0, 0, 0]),
        new FrameRecord(1, 2, 90, 120, uint.MaxValue, [short.MinValue, 0, short.MaxValue], [-128, 127], [4, 5, -6],
            new ProcessRecord(0, 1, 89, [9, -9, 1])),
    ]);

    [Fact]
    public void Round_trip_is_exact()
    {
        var t = Sample();
        var bytes = t.ToBytes();
        Assert.Equal(TraceFile.HeaderBytes + (2 * TraceFile.FrameBytes(3, 2)), bytes.Length);
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 4));
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 16)); // out_values: frame_samples for audio
        Assert.Equal("DSLT"u8.ToArray(), bytes[..4]);
        var back = TraceFile.Parse(bytes, "t.bin");
        Assert.Equal(3, back.FrameSamples);
        Assert.Equal(2, back.HandoffBytes);
        Assert.Equal(2, back.Frames.Count);
        Assert.Equal(uint.MaxValue, back.Frames[1].HeavyInstructions);
        Assert.Equal(t.Frames[1].LightOut, back.Frames[1].LightOut);
        Assert.Equal(t.Frames[1].Handoff, back.Frames[1].Handoff);
        Assert.Equal(t.Frames[1].HeavyOut, back.Frames[1].HeavyOut);
        Assert.Equal(t.Frames[1].Process with { Out = [] }, back.Frames[1].Process with { Out = [] });
        Assert.Equal(t.Frames[1].Process.Out, back.Frames[1].Process.Out);
        Assert.Equal(t.Frames[0].LightOut, back.Frames[0].Process.Out);
        Assert.Equal(bytes, back.ToBytes());
    }

    /// <summary>A classifier head's trace: heavy_out and the routed output carry out_values scores, not frame samples.</summary>
    [Fact]
    public void Out_values_other_than_frame_samples_round_trip()
    {
        var t = new TraceFile(4, 1,
        [
            FrameRecord.Routed(0, 0, -5, 0, 0, [0, 0, 0, 0], [7], [127, -128], classHead: true),
            FrameRecord.Routed(1, 1, 9, 0, 0, [0, 0, 0, 0], [-7], [-3, 12], classHead: true),
        ], 2);
        byte[] bytes = t.ToBytes();
        Assert.Equal(TraceFile.HeaderBytes + (2 * TraceFile.FrameBytes(4, 1, 2)), bytes.Length);
        Assert.Equal(2u, BitConverter.ToUInt32(bytes, 16));
        TraceFile back = TraceFile.Parse(bytes, "t.bin");
        Assert.Equal(2, back.HeavyOutValues);
        Assert.Equal([127, -128], back.Frames[0].Process.Out); // a gated frame routes the gated scores
        Assert.Equal([-3, 12], back.Frames[1].HeavyOut);
        Assert.Equal(bytes, back.ToBytes());
        Assert.Contains("out_values 0", Assert.Throws<DslException>(() => TraceFile.Parse([.. bytes[..16], 0, 0, 0, 0, .. bytes[20..]], "t.bin")).Message);
    }

    [Fact]
    public void File_round_trip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dsl-trace-{Guid.NewGuid():N}.bin");
        try
        {
            Sample().Write(path);
            Assert.Equal(2, TraceFile.Read(path).Frames.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Truncated_trace_names_the_frame_and_offset()
    {
        var bytes = Sample().ToBytes();
        var e = Assert.Throws<DslException>(() => TraceFile.Parse(bytes[..^3], "t.bin"));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Contains("t.bin: byte " + (bytes.Length - 3), e.Message);
        Assert.Contains("not a whole number of frames", e.Message);
    }

    [Fact]
    public void Bad_header_is_refused()
    {
        var bytes = Sample().ToBytes();
        Assert.Contains("truncated header", Assert.Throws<DslException>(() => TraceFile.Parse(bytes[..10], "t.bin")).Message);
        bytes[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<DslException>(() => TraceFile.Parse(bytes, "t.bin")).Message);
    }

    [Fact]
    public void Bad_route_is_refused()
    {
        var bytes = Sample().ToBytes();
        bytes[TraceFile.HeaderBytes] = 7;
        Assert.Contains("frame 0: route 7", Assert.Throws<DslException>(() => TraceFile.Parse(bytes, "t.bin")).Message);
        bytes = Sample().ToBytes();
        bytes[TraceFile.HeaderBytes + (2 * TraceFile.RecordBytes(3, 2)) + TraceFile.ProcessRecordBytes(3)] = 5;
        Assert.Contains("frame 1: m_process route 5", Assert.Throws<DslException>(() => TraceFile.Parse(bytes, "t.bin")).Message);
    }
}
