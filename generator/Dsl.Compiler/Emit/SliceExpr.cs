using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// C pointer expressions for buffer slices of one path, e.g. <c>(const int16_t *)(const void *)(input + 4)</c>.
/// Every slice is checked against its region's size, alignment and writability, so the emitted
/// calls cannot touch memory outside the plan; the regions used are recorded so the path function
/// declares only the base pointers it needs (-Wunused-variable).
/// </summary>
internal sealed class SliceExpr
{
    /// <summary>How a kernel sees the bytes of a slice.</summary>
    public enum Element
    {
        /// <summary><c>uint8_t</c> (copy, history shift).</summary>
        Byte,

        /// <summary><c>int8_t</c> activations.</summary>
        S8,

        /// <summary><c>int16_t</c> PCM (first / last layer) or a mixed-precision int16 activation.</summary>
        S16,
    }

    private readonly string _path;
    private readonly IReadOnlyDictionary<BufferRegion, (int Bytes, bool Writable)> _regions;
    private readonly HashSet<BufferRegion> _used = [];

    /// <param name="path">Path name for error messages.</param>
    /// <param name="regions">The regions this path may use: size in bytes and whether steps may write them.</param>
    public SliceExpr(string path, IReadOnlyDictionary<BufferRegion, (int Bytes, bool Writable)> regions)
    {
        _path = path;
        _regions = regions;
    }

    /// <summary>C name of a region's <c>uint8_t *</c> base pointer inside the path functions.</summary>
    public static string BaseName(BufferRegion region) => region switch
    {
        BufferRegion.Arena => "arena",
        BufferRegion.State => "state",
        BufferRegion.Input => "input",
        BufferRegion.Handoff => "handoff_slot",
        BufferRegion.Output => "output",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>Regions of all slices formatted so far.</summary>
    public IReadOnlySet<BufferRegion> Used => _used;

    /// <summary>Pointer to a slice that is read.</summary>
    public string Read(string node, BufferSlice slice, Element element, int minBytes) =>
        Pointer(node, slice, element, minBytes, write: false);

    /// <summary>Pointer to a slice that is written.</summary>
    public string Write(string node, BufferSlice slice, Element element, int minBytes) =>
        Pointer(node, slice, element, minBytes, write: true);

    private string Pointer(string node, BufferSlice slice, Element element, int minBytes, bool write)
    {
        Check(node, slice, minBytes, write);
        // The light path's handoff slot lies in its word-aligned ring; the heavy path's is the caller's int8 pointer.
        if (element == Element.S16 && (slice.Offset % 2 != 0 || (slice.Region == BufferRegion.Handoff && !_regions[slice.Region].Writable)))
            throw Invalid(node, $"int16 slice {slice} must be 2-byte aligned and outside the heavy path's handoff");

        _used.Add(slice.Region);
        var sum = $"{BaseName(slice.Region)} + {CText.Int(slice.Offset)}";
        var address = slice.Offset == 0 ? BaseName(slice.Region) : $"({sum})";
        var q = write ? "" : "const ";
        return element switch
        {
            // Bases are uint8_t *: byte slices need no cast, int16 goes through void * (no cast-align noise).
            Element.Byte => slice.Offset == 0 ? BaseName(slice.Region) : sum,
            Element.S8 => $"({q}int8_t *){address}",
            _ => $"({q}int16_t *)({q}void *){address}",
        };
    }

    private void Check(string node, BufferSlice slice, int minBytes, bool write)
    {
        if (!_regions.TryGetValue(slice.Region, out var region))
            throw Invalid(node, $"slice {slice} uses region {slice.Region}, which the {_path} path does not have");
        if (write && !region.Writable)
            throw Invalid(node, $"slice {slice} writes region {slice.Region}, which is read-only on the {_path} path");
        if (region.Bytes <= 0)
            throw Invalid(node, $"slice {slice} uses region {slice.Region}, which has no bytes on the {_path} path");
        if (slice.Offset < 0 || slice.Bytes < minBytes || (long)slice.Offset + slice.Bytes > region.Bytes)
        {
            throw Invalid(node,
                $"slice {slice} must hold at least {minBytes} bytes inside {slice.Region} ({region.Bytes} bytes)");
        }
    }

    public ArgumentException Invalid(string node, string message) =>
        new($"ModelProgram {_path} path, node '{node}': {message}", "program");
}
