using System.Text;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Audio;

/// <summary>Mono 16-bit PCM WAV reading and writing (the only format dslc takes and gives).</summary>
public static class WavFile
{
    public static short[] ReadMono16(string path, int expectedRate)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: cannot read ({e.Message})");
        }

        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new DslException(DslErrorCode.Audio, $"{path}: not a RIFF/WAVE file");
        }

        int pos = 12;
        int channels = 0, rate = 0, bits = 0, format = 0;
        while (pos + 8 <= bytes.Length)
        {
            string id = Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BitConverter.ToInt32(bytes, pos + 4);
            int body = pos + 8;
            if (size < 0 || body + size > bytes.Length)
            {
                size = bytes.Length - body; // tolerate a streamed (unfinished) data size
            }

            if (id == "fmt " && size >= 16)
            {
                format = BitConverter.ToUInt16(bytes, body);
                channels = BitConverter.ToUInt16(bytes, body + 2);
                rate = BitConverter.ToInt32(bytes, body + 4);
                bits = BitConverter.ToUInt16(bytes, body + 14);
                if (format == 0xFFFE && size >= 26)
                {
                    format = BitConverter.ToUInt16(bytes, body + 24); // WAVE_FORMAT_EXTENSIBLE sub-format
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
                Buffer.BlockCopy(bytes, body, samples, 0, samples.Length * 2);
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
