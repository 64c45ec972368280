using System.Buffers.Binary;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>
/// Structure-aware mutations of a protobuf file (ONNX): the seed is split into its wire-format fields
/// (length-delimited fields that parse as messages become nested trees), one field is changed, and the
/// tree is written back with correct lengths. Byte mutations mostly break the framing; these reach the
/// values behind it: a dimension, an attribute, a data type or a weight set to an extreme value, a name
/// swapped for another (graph wiring), a field duplicated or dropped (repeated nodes, initializers).
/// </summary>
public sealed class ProtobufMutator
{
    private static readonly ulong[] InterestingVarints =
    [
        0, 1, 2, 3, 7, 0x7F, 0x80, 0xFF, 1000, 65535, 1_000_000_000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        1UL << 32, 1UL << 40, 1UL << 62, long.MaxValue, ulong.MaxValue, ulong.MaxValue - 1, unchecked((ulong)-1000),
    ];

    private static readonly float[] InterestingFloats =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f, 0f, 1e-45f, 1e20f, -1f];

    private readonly Random _random;

    public ProtobufMutator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>One field of a message: a varint, a fixed 32/64-bit value, or bytes that may be a message.</summary>
    private sealed class Field
    {
        public int Number;
        public int Wire;
        public ulong Value;
        public byte[] Bytes = [];
        public List<Field>? Children;
    }

    /// <summary>A mutated copy of the protobuf message <paramref name="seed"/> (unchanged if it does not parse).</summary>
    public byte[] Mutate(byte[] seed)
    {
        List<Field>? root = Parse(seed, 0);
        if (root is null)
        {
            return seed;
        }

        var messages = new List<List<Field>>();
        Collect(root, messages);
        int count = 1 + _random.Next(2);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(messages);
        }

        var output = new MemoryStream();
        Write(root, output);
        return output.ToArray();
    }

    private void MutateOnce(List<List<Field>> messages)
    {
        List<Field> message = messages[_random.Next(messages.Count)];
        if (message.Count == 0)
        {
            return;
        }

        int at = _random.Next(message.Count);
        Field f = message[at];
        switch (_random.Next(10))
        {
            case 0: // duplicate the field (a repeated node, initializer, input, attribute, dim)
                message.Insert(_random.Next(message.Count + 1), Clone(f));
                return;
            case 1: // drop it
                message.RemoveAt(at);
                return;
            case 2: // swap with another field of the same number (reorders nodes, dims, inputs)
                int other = message.FindIndex(g => g.Number == f.Number && g != f);
                if (other >= 0)
                {
                    (message[at], message[other]) = (message[other], message[at]);
                }

                return;
            default:
                MutateValue(f, messages);
                return;
        }
    }

    private void MutateValue(Field f, List<List<Field>> messages)
    {
        switch (f.Wire)
        {
            case 0:
                ulong v = InterestingVarints[_random.Next(InterestingVarints.Length)];
                f.Value = _random.Next(4) switch { 0 => f.Value + 1, 1 => f.Value - 1, 2 => f.Value * 1000, _ => v };
                break;
            case 5:
                f.Value = BitConverter.SingleToUInt32Bits(InterestingFloats[_random.Next(InterestingFloats.Length)]);
                break;
            case 1:
                f.Value = BitConverter.DoubleToUInt64Bits(InterestingFloats[_random.Next(InterestingFloats.Length)]);
                break;
            case 2 when f.Children is null:
                MutateBytes(f, messages);
                break;
        }
    }

    private void MutateBytes(Field f, List<List<Field>> messages)
    {
        byte[] b = f.Bytes;
        switch (_random.Next(4))
        {
            case 0 when b.Length >= 4: // an extreme float in raw data (weights, biases)
                int k = _random.Next(b.Length / 4) * 4;
                BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(k), InterestingFloats[_random.Next(InterestingFloats.Length)]);
                break;
            case 1 when b.Length > 0: // shorter (raw data that disagrees with its shape, a cut name)
                f.Bytes = b[..^(1 + _random.Next(Math.Min(b.Length, 8)))];
                break;
            case 2: // the bytes of another string-like field (a name pointing elsewhere in the graph)
                var strings = messages.SelectMany(m => m).Where(g => g.Wire == 2 && g.Children is null && g.Bytes.Length < 64).ToList();
                if (strings.Count > 0)
                {
                    f.Bytes = (byte[])strings[_random.Next(strings.Count)].Bytes.Clone();
                }

                break;
            default:
                if (b.Length > 0)
                {
                    b[_random.Next(b.Length)] ^= (byte)(1 << _random.Next(8));
                }

                break;
        }
    }

    private static Field Clone(Field f) => new()
    {
        Number = f.Number,
        Wire = f.Wire,
        Value = f.Value,
        Bytes = (byte[])f.Bytes.Clone(),
        Children = f.Children?.Select(Clone).ToList(),
    };

    private static void Collect(List<Field> message, List<List<Field>> into)
    {
        into.Add(message);
        foreach (Field f in message)
        {
            if (f.Children is not null)
            {
                Collect(f.Children, into);
            }
        }
    }

    /// <summary>The fields of a message, or null when <paramref name="data"/> is not one (then it is bytes).</summary>
    private static List<Field>? Parse(ReadOnlySpan<byte> data, int depth)
    {
        var fields = new List<Field>();
        int pos = 0;
        while (pos < data.Length)
        {
            if (!ReadVarint(data, ref pos, out ulong tag) || tag >> 3 == 0 || tag >> 3 > 100_000)
            {
                return null;
            }

            var f = new Field { Number = (int)(tag >> 3), Wire = (int)(tag & 7) };
            switch (f.Wire)
            {
                case 0:
                    if (!ReadVarint(data, ref pos, out f.Value))
                    {
                        return null;
                    }

                    break;
                case 1:
                    if (pos + 8 > data.Length)
                    {
                        return null;
                    }

                    f.Value = BinaryPrimitives.ReadUInt64LittleEndian(data[pos..]);
                    pos += 8;
                    break;
                case 5:
                    if (pos + 4 > data.Length)
                    {
                        return null;
                    }

                    f.Value = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
                    pos += 4;
                    break;
                case 2:
                    if (!ReadVarint(data, ref pos, out ulong len) || len > (ulong)(data.Length - pos))
                    {
                        return null;
                    }

                    ReadOnlySpan<byte> body = data.Slice(pos, (int)len);
                    pos += (int)len;
                    f.Children = depth < 12 && body.Length > 0 ? Parse(body, depth + 1) : null;
                    f.Bytes = f.Children is null ? body.ToArray() : [];
                    break;
                default:
                    return null;
            }

            fields.Add(f);
        }

        return fields;
    }

    private static bool ReadVarint(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Write(List<Field> message, Stream output)
    {
        var scratch = new byte[8];
        foreach (Field f in message)
        {
            WriteVarint(output, ((ulong)f.Number << 3) | (uint)f.Wire);
            switch (f.Wire)
            {
                case 0:
                    WriteVarint(output, f.Value);
                    break;
                case 1:
                    BinaryPrimitives.WriteUInt64LittleEndian(scratch, f.Value);
                    output.Write(scratch, 0, 8);
                    break;
                case 5:
                    BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)f.Value);
                    output.Write(scratch, 0, 4);
                    break;
                default:
                    byte[] body = f.Bytes;
                    if (f.Children is not null)
                    {
                        var inner = new MemoryStream();
                        Write(f.Children, inner);
                        body = inner.ToArray();
                    }

                    WriteVarint(output, (ulong)body.Length);
                    output.Write(body);
                    break;
            }
        }
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
