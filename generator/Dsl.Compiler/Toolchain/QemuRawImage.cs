namespace Dsl.Compiler.Toolchain;

/// <summary>A binary QEMU loads at an address besides the booting ELF (<c>-device loader,file=..,addr=..,force-raw=on</c>):
/// the heavy core's image on a two-core board.</summary>
/// <param name="File">The raw binary (arm-none-eabi-objcopy -O binary).</param>
/// <param name="Address">Where it goes: the heavy core's flash origin (its vector table first).</param>
public sealed record QemuRawImage(string File, ulong Address);
