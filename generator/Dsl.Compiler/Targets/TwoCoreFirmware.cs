using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>The test firmware of an emulated two-core board: the light core's ELF (QEMU boots it with
/// <c>-kernel</c>) and the heavy core's image as a raw binary at its flash origin.</summary>
/// <param name="LightElf">The light core's firmware (it writes the trace).</param>
/// <param name="HeavyElf">The heavy core's firmware (symbols, sizes).</param>
/// <param name="HeavyImage">The heavy core's firmware as QEMU loads it.</param>
public sealed record TwoCoreFirmware(string LightElf, string HeavyElf, QemuRawImage HeavyImage);
