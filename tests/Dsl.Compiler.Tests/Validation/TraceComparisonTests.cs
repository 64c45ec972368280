using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The bit-exact verdict can say "no": one changed byte anywhere in a frame record of a C trace (or a
/// missing frame) is reported with the frame and the field; instruction counts are measurements, not output.
/// </summary>
public sealed class TraceComparisonTests
{
    private const int FrameSamples = 3;
    private const int HandoffBytes = 2;

    // Byte offsets inside a frame record (docs/generated-api.md, "Frame trace").
    private const int LightOutAt = 20;
    private const int HandoffAt = LightOutAt + (2 * FrameSamples);
    private const int HeavyOutAt = HandoffAt + HandoffBytes;

    private static TraceFile Golden() => new(FrameSamples, HandoffBytes,
    [
        FrameRecord.Routed(0, 0, -5, 100, 0, [1, -2, 3], [7, -8], [0, 0, 0]),
        FrameRecord.Routed(1, 2, 90, 120, 900, [short.MinValue, 0, short.MaxValue], [-128, 127], [4, 5, -6]),
        FrameRecord.Routed(1, 0, 80, 120, 300, [9, 9, 9], [1, 1], [7, 8, 9]),
    ]);

    /// <summary>The golden trace with byte <paramref name="at"/> of frame 1's record changed, read back.</summary>
    private static IReadOnlyList<FrameRecord> WithByteChanged(int at, byte xor = 0x01)
    {
        byte[] bytes = Golden().ToBytes();
        bytes[TraceFile.HeaderBytes + TraceFile.RecordBytes(FrameSamples, HandoffBytes) + at] ^= xor;
        return TraceFile.Parse(bytes, "c.trace").Frames;
    }

    [Fact]
    public void Identical_traces_are_bit_exact()
    {
        TraceComparison r = TraceComparison.Compare(Golden().Frames, TraceFile.Parse(Golden().ToBytes(), "c.trace").Frames, "clip");
        Assert.True(r.BitExact, r.FirstDifference);
        Assert.Equal(3, r.Frames);
        Assert.Equal(2, r.HeavyFrames);
        Assert.Equal(2, r.ReplayedFrames);
    }

    [Theory]
    [InlineData(0, "frame 1: route 0 (golden 1)")]
    [InlineData(4, "frame 1: replay_frames 3 (golden 2)")]
    [InlineData(8, "frame 1: switch_score 91 (golden 90)")]
    [InlineData(LightOutAt, "frame 1: light_out sample 0 is -32767 (golden -32768)")]
    [InlineData(LightOutAt + 5, "frame 1: light_out sample 2 is 32511 (golden 32767)")]
    [InlineData(HandoffAt + 1, "frame 1: handoff byte 1 is 126 (golden 127)")]
    [InlineData(HeavyOutAt + 4, "frame 1: heavy_out sample 2 is -5 (golden -6)")]
    public void One_changed_byte_is_reported_with_its_frame_and_field(int at, string expected)
    {
        TraceComparison r = TraceComparison.Compare(Golden().Frames, WithByteChanged(at), "clip.wav on host");
        Assert.False(r.BitExact);
        Assert.Equal("clip.wav on host: " + expected, r.FirstDifference);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    public void Instruction_counts_are_not_compared(int at)
    {
        Assert.True(TraceComparison.Compare(Golden().Frames, WithByteChanged(at), "clip").BitExact);
    }

    [Fact]
    public void A_missing_frame_is_reported_with_both_lengths()
    {
        TraceComparison r = TraceComparison.Compare(Golden().Frames, Golden().Frames.Take(2).ToList(), "clip");
        Assert.False(r.BitExact);
        Assert.Equal("clip: the golden model has 3 frames, the C trace 2", r.FirstDifference);
    }

    [Fact]
    public void A_frame_with_fewer_samples_is_reported()
    {
        var c = Golden().Frames.ToList();
        c[2] = c[2] with { HeavyOut = [7, 8] };
        TraceComparison r = TraceComparison.Compare(Golden().Frames, c, "clip");
        Assert.False(r.BitExact);
        Assert.Equal("clip: frame 2: heavy_out sample count 2 (golden 3)", r.FirstDifference);
    }
}
