using System.Text;

namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>
/// The native methods checksum of a nanoFramework assembly, computed the way nanoFramework's metadata processor
/// does (its NativeMethodsCrc): CRC-32/MPEG-2 over the method table in order, "NULL" for a managed method and
/// assembly name, class name and method name for a native one, where a running value that has seen no native
/// method yet counts as 0. The CLR refuses an assembly whose PE header checksum differs from the firmware's.
/// </summary>
public static class NativeChecksum
{
    private const uint Polynomial = 0x04C11DB7;

    /// <summary>The checksum of <paramref name="table"/> in assembly <paramref name="assembly"/> (0 without native methods).</summary>
    public static uint Of(string assembly, IEnumerable<NativeMethodEntry> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        uint crc = 0;
        var natives = 0;
        // The metadata processor reads its running value through a getter that answers 0 until a native method was
        // counted, and counts a method only after its three parts: reproduced here, odd as it is.
        uint Current() => natives > 0 ? crc : 0;
        foreach (var entry in table)
        {
            if (entry.IsNative)
            {
                crc = Crc32Mpeg2(Encoding.ASCII.GetBytes(assembly), Current());
                crc = Crc32Mpeg2(Encoding.ASCII.GetBytes(entry.NativeClass), Current());
                crc = Crc32Mpeg2(Encoding.ASCII.GetBytes(entry.NativeName), Current());
                natives++;
            }
            else
            {
                crc = Crc32Mpeg2("NULL"u8, Current());
            }
        }

        return Current();
    }

    /// <summary>CRC-32/MPEG-2 (polynomial 0x04C11DB7, not reflected, no final xor) of <paramref name="bytes"/> from <paramref name="crc"/>.</summary>
    public static uint Crc32Mpeg2(ReadOnlySpan<byte> bytes, uint crc)
    {
        foreach (var b in bytes)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ Polynomial : crc << 1;
            }
        }

        return crc;
    }
}
