namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>
/// Deterministic byte-level mutations of a seed file, the kinds that find bugs in binary and text readers:
/// bit flips, random byte replacements, "interesting" values (0, 0xFF.., 0x7F.., 0x80.., 0x7FFFFFFF,
/// 0x7FFFFFF0, varint maxima) written over 1, 2, 4 or 8 bytes, truncations, insertions of random bytes,
/// duplicated and deleted chunks. One to three mutations per case, from a fixed seed.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[][] Interesting =
    [
        [0x00], [0x01], [0x7F], [0x80], [0xFF], [0x00, 0x00], [0xFF, 0xFF], [0xFF, 0x7F], [0x00, 0x80],
        [0xFF, 0xFF, 0xFF, 0x7F], [0xF0, 0xFF, 0xFF, 0x7F], [0x00, 0x00, 0x00, 0x80], [0xFF, 0xFF, 0xFF, 0xFF],
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        [0xFF, 0xFF, 0xFF, 0xFF, 0x07], [0x80, 0x80, 0x80, 0x80, 0x08], [0x00, 0x00, 0xC0, 0x7F], [0x00, 0x00, 0x80, 0x7F],
    ];

    private static readonly string[] InterestingText =
    [
        "0", "-1", "1e39", "-1e400", "2147483648", "9223372036854775808", "0x7FFFFFFF", "null", "true", "\"\"",
        "[]", "{}", "\\u0000", "\\ud800", "NaN", "~", "*", "&a", "!!binary", "\n", "\t", "'", "\"", ":", ",", "#", "-", "..",
    ];

    private readonly Random _random;

    public Mutator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A mutated copy of <paramref name="seed"/>; <paramref name="text"/> adds textual interesting values.</summary>
    public byte[] Mutate(byte[] seed, bool text = false)
    {
        var data = new List<byte>(seed);
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(data, text);
        }

        return data.ToArray();
    }

    private void MutateOnce(List<byte> data, bool text)
    {
        // In-place changes (kinds 0-5) twice as likely as ones that shift the structure (6-9), so that
        // most cases get past framing checks into the values; text inputs add textual values (10).
        int kind = _random.Next(text ? 11 : 10);
        if (data.Count == 0)
        {
            kind = 6;
        }

        int at = _random.Next(Math.Max(1, data.Count));
        switch (kind)
        {
            case 0:
            case 1: // bit flip
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 2: // random byte
                data[at] = (byte)_random.Next(256);
                break;
            case 3:
            case 4:
            case 5: // interesting value over existing bytes (clipped at the end)
                byte[] v = Interesting[_random.Next(Interesting.Length)];
                for (int k = 0; k < v.Length && at + k < data.Count; k++)
                {
                    data[at + k] = v[k];
                }

                break;
            case 6: // insert random bytes
                int n = 1 + _random.Next(8);
                var bytes = new byte[n];
                _random.NextBytes(bytes);
                data.InsertRange(Math.Min(at, data.Count), bytes);
                break;
            case 7: // truncate
                data.RemoveRange(at, data.Count - at);
                break;
            case 8: // duplicate a chunk elsewhere
                int len = Math.Min(data.Count - at, 1 + _random.Next(64));
                byte[] chunk = data.GetRange(at, len).ToArray();
                data.InsertRange(_random.Next(data.Count + 1), chunk);
                break;
            case 9: // delete a chunk
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                break;
            default: // textual interesting value, replacing a few bytes
                byte[] t = System.Text.Encoding.UTF8.GetBytes(InterestingText[_random.Next(InterestingText.Length)]);
                data.RemoveRange(at, Math.Min(data.Count - at, _random.Next(4)));
                data.InsertRange(at, t);
                break;
        }
    }
}
