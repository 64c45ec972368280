using System.Buffers.Binary;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Tests.Audio;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>Mutated generated WAVs (plain, and with an extra chunk before 'data' and an odd-sized chunk)
/// through the WAV reader.</summary>
public sealed class WavReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>Per case: 2x the file plus 64 KiB (the samples are at most the file; strings for chunk ids).</summary>
    private static long Bound(int inputBytes) => (2L * inputBytes) + (64L << 10);

    private static short[] Tone(int n) =>
        Enumerable.Range(0, n).Select(i => (short)(8000 * Math.Sin(i * 0.05))).ToArray();

    /// <summary>The same audio with a 'LIST' chunk of odd size (padded) between 'fmt ' and 'data'.</summary>
    private static byte[] WithListChunk(byte[] wav)
    {
        byte[] list = [(byte)'L', (byte)'I', (byte)'S', (byte)'T', 5, 0, 0, 0, (byte)'I', (byte)'N', (byte)'F', (byte)'O', (byte)'x', 0];
        byte[] bytes = [.. wav[..36], .. list, .. wav[36..]];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    [Fact]
    public void Mutated_wavs_fail_only_with_a_DslException_and_bounded_allocation()
    {
        byte[] plain = WavFileTests.Wav(Tone(2000));
        var seeds = new List<(string, byte[])> { ("generated.wav", plain), ("generated-list.wav", WithListChunk(plain)), ("short.wav", WavFileTests.Wav(Tone(3))) };
        FuzzRun.Run(output, "wav", seeds, cases: 10_000, rngSeed: 7005, Bound, (path, bytes) => WavFile.Parse(path, bytes, 16000));
    }
}
