namespace Dsl.Compiler.Toolchain;

/// <summary>One run of an ELF on an emulated board.</summary>
/// <param name="Machine">qemu <c>-M</c> machine, e.g. <c>mps2-an386</c>.</param>
/// <param name="Elf">Firmware to load with <c>-kernel</c>.</param>
/// <param name="IcountShift"><c>-icount shift=N</c>, so SysTick counts instructions deterministically.</param>
/// <param name="Arguments">Semihosting command-line arguments after the program name (read by the guest with SYS_GET_CMDLINE); relative file names resolve against <paramref name="WorkingDirectory"/>.</param>
/// <param name="WorkingDirectory">Directory QEMU runs in: semihosting file I/O is relative to it.</param>
/// <param name="Timeout">Wall-clock limit; past it the run is a hang.</param>
/// <param name="RawImages">More images to load (a two-core board's heavy core); with any, the virtual clock does
/// not follow the host's while both cores sleep (<c>sleep=off</c>), so runs stay deterministic.</param>
public sealed record QemuRunRequest(
    string Machine,
    string Elf,
    int IcountShift,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    TimeSpan Timeout,
    IReadOnlyList<QemuRawImage>? RawImages = null);
