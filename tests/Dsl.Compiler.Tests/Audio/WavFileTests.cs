using System.Buffers.Binary;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Audio;

/// <summary>WAV headers with sizes and rates near the 32-bit limits.</summary>
public sealed class WavFileTests
{
    /// <summary>A mono 16-bit WAV of <paramref name="samples"/>, then the header patched by <paramref name="patch"/>.</summary>
    public static byte[] Wav(short[] samples, int rate = 16000, Action<byte[]>? patch = null)
    {
        string path = Path.GetTempFileName();
        try
        {
            WavFile.WriteMono16(path, samples, rate);
            byte[] bytes = File.ReadAllBytes(path);
            patch?.Invoke(bytes);
            return bytes;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static short[] Read(byte[] bytes, int rate = 16000)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslc-wav-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, bytes);
        try
        {
            return WavFile.ReadMono16(path, rate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_written_wav_reads_back()
    {
        short[] samples = [1, -2, 3, short.MaxValue, short.MinValue];
        Assert.Equal(samples, Read(Wav(samples)));
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFF0u)]
    public void A_data_size_beyond_the_file_is_a_truncated_file(uint declared)
    {
        // The size check used to add the declared size to an int position and wrap around.
        byte[] bytes = Wav([5, 6, 7, 8], patch: b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(40), declared));
        DslException e = Assert.Throws<DslException>(() => Read(bytes));
        Assert.Equal(DslErrorCode.Audio, e.Code);
        Assert.Contains($"declares {declared} bytes", e.Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void A_streaming_placeholder_size_reads_what_is_there(uint declared)
    {
        short[] samples = [5, 6, 7, 8];
        byte[] bytes = Wav(samples, patch: b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(40), declared));
        Assert.Equal(samples, Read(bytes));
    }

    [Fact]
    public void A_chunk_size_that_wraps_the_position_is_skipped_safely()
    {
        // An unknown chunk declaring ~4 GiB before 'data': the reader must stop, not jump backwards.
        byte[] wav = Wav([1, 2]);
        byte[] junk = [(byte)'J', (byte)'U', (byte)'N', (byte)'K', 0xF0, 0xFF, 0xFF, 0xFF];
        byte[] bytes = [.. wav[..12], .. junk, .. wav[12..]];
        var e = Assert.Throws<DslException>(() => Read(bytes));
        Assert.Equal(DslErrorCode.Audio, e.Code);
    }

    [Fact]
    public void A_sample_rate_above_2_to_the_31_prints_unsigned()
    {
        byte[] bytes = Wav([1, 2], patch: b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), 3_000_000_000u));
        var e = Assert.Throws<DslException>(() => Read(bytes));
        Assert.Equal(DslErrorCode.Audio, e.Code);
        Assert.Contains("sample rate is 3000000000 Hz", e.Message);
    }
}
