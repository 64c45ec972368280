namespace Dsl.Compiler.Toolchain;

/// <summary>Section sizes of an ELF as reported by <c>arm-none-eabi-size -A</c>, grouped the way the
/// fit check and the benchmark need them.</summary>
/// <param name="Text">Code bytes (.text and other executable sections placed in flash, vectors included).</param>
/// <param name="Rodata">Constant data bytes (.rodata, .ARM.exidx/.ARM.extab).</param>
/// <param name="Data">Initialised data bytes (in RAM, with a copy in flash).</param>
/// <param name="Bss">Zero-initialised bytes (.bss, .noinit, heap and stack reservations if sized sections).</param>
/// <param name="Sections">Every allocated section and its size, in file order.</param>
/// <param name="Shared">Bytes in the memory both cores of a two-core board share (.dsl_handoff): part of neither
/// core's flash nor RAM, and the same bytes in both images.</param>
public sealed record SectionSizes(long Text, long Rodata, long Data, long Bss, IReadOnlyList<KeyValuePair<string, long>> Sections,
    long Shared = 0)
{
    /// <summary>Bytes in flash: code, constants and the load image of .data.</summary>
    public long Flash => Text + Rodata + Data;

    /// <summary>Bytes in the core's RAM: .data and .bss (not the shared region).</summary>
    public long Ram => Data + Bss;
}
