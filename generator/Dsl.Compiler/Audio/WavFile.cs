using System.Text;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Audio;

/// <summary>Mono 16-bit PCM WAV reading and writing (the only format dslc takes and gives).</summary>
public static class WavFile
{
    public static short[] ReadMono16(string path, int expectedRate)
    {
        byte[] bytes = InputFile.ReadBytes(path, "the WAV file");

        return Parse(path, bytes, expectedRate);
    }

    /// <summary>Parses WAV <paramref name="bytes"/>; <paramref name="path"/> is only used in messages.</summary>
    public static short[] Parse(string path, byte[] bytes, int expectedRate)
    {
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new DslException(DslErrorCode.Audio, $"{path}: not a RIFF/WAVE file");
        }

        // Chunk sizes are unsigned 32-bit: positions are computed in long so that a declared size
        // near 4 GiB cannot wrap around and pass the bounds check.
        long pos = 12;
        int channels = 0, bits = 0, format = 0;
        uint rate = 0;
        while (pos + 8 <= bytes.Length)
        {
            int at = (int)pos;
            string id = Encoding.ASCII.GetString(bytes, at, 4);
            long size = BitConverter.ToUInt32(bytes, at + 4);
            long body = pos + 8;
            if (id == "data" && size is 0 or uint.MaxValue)
            {
                // A recorder that streams writes 0 or 0xFFFFFFFF as the data size until it finishes.
                size = bytes.Length - body;
            }

            if (body + size > bytes.Length)
            {
                if (id == "data")
                {
                    throw new DslException(DslErrorCode.Audio, $"{path}: the data chunk declares {size} bytes but the file holds only {bytes.Length - body} after it; the file is truncated: export it again");
                }

                size = bytes.Length - body;
            }

            if (id == "fmt " && size >= 16)
            {
                int b = (int)body;
                format = BitConverter.ToUInt16(bytes, b);
                channels = BitConverter.ToUInt16(bytes, b + 2);
                rate = BitConverter.ToUInt32(bytes, b + 4);
                bits = BitConverter.ToUInt16(bytes, b + 14);
                if (format == 0xFFFE && size >= 26)
                {
                    format = BitConverter.ToUInt16(bytes, b + 24); // WAVE_FORMAT_EXTENSIBLE sub-format
                }
            }
            else if (id == "data")
            {
                if (format != 1 || bits != 16 || channels != 1)
                {
                    throw new DslException(DslErrorCode.Audio, $"{path}: expected mono 16-bit PCM, found format {format}, {channels} channel(s), {bits} bits; convert with: sox in.wav -r {expectedRate} -c 1 -b 16 -e signed-integer out.wav");
                }

                if (rate != expectedRate)
                {
                    throw new DslException(DslErrorCode.Audio, $"{path}: sample rate is {rate} Hz but the model expects {expectedRate} Hz; resample with: sox in.wav -r {expectedRate} out.wav");
                }

                var samples = new short[size / 2];
                Buffer.BlockCopy(bytes, (int)body, samples, 0, samples.Length * 2);
                return samples;
            }

            pos = body + size + (size & 1);
        }

        throw new DslException(DslErrorCode.Audio, $"{path}: no 'data' chunk found");
    }

    public static void WriteMono16(string path, short[] samples, int rate)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.ASCII, leaveOpen: true))
        {
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(36 + (samples.Length * 2));
            w.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
            w.Write(16);
            w.Write((short)1);
            w.Write((short)1);
            w.Write(rate);
            w.Write(rate * 2);
            w.Write((short)2);
            w.Write((short)16);
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(samples.Length * 2);
            foreach (short s in samples)
            {
                w.Write(s);
            }
        }

        File.WriteAllBytes(path, ms.ToArray());
    }
}
