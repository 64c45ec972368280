namespace Dsl.Compiler.Boards;

/// <summary>One core of a board: what it is, how to compile for it, and the memory it links into.</summary>
/// <param name="Id">Short identifier used by <c>paths</c> and in file names (C identifier).</param>
/// <param name="Cpu">gcc <c>-mcpu</c> value, e.g. <c>cortex-m4</c>.</param>
/// <param name="Fpu">gcc <c>-mfpu</c> value, or <c>none</c> (soft float), or <c>auto</c> (implied by the cpu).</param>
/// <param name="Dsp">The core has the DSP extension (SMLAD, SXTB16).</param>
/// <param name="Mve">The core has Helium (MVE).</param>
/// <param name="ClockHz">Core clock used for real-time load estimates.</param>
/// <param name="GccFlags">Target flags passed to arm-none-eabi-gcc (cpu, fpu, float ABI).</param>
/// <param name="Flash">Where this core's code and constant data are linked.</param>
/// <param name="Ram">Where this core's data, bss, stack and heap are linked.</param>
/// <param name="KernelVariant">Runtime kernel variant compiled for this core.</param>
/// <param name="AddressSpace">Cores with the same address space must not have overlapping regions.</param>
/// <param name="Boot">Optional region at the core's reset vector address when flash is elsewhere: the
/// linker puts a copy of the initial stack pointer and reset address there (memory.ld section .dsl_boot).</param>
public sealed record CoreProfile(
    string Id,
    string Cpu,
    string Fpu,
    bool Dsp,
    bool Mve,
    long ClockHz,
    IReadOnlyList<string> GccFlags,
    MemoryRegion Flash,
    MemoryRegion Ram,
    KernelVariant KernelVariant,
    string AddressSpace,
    MemoryRegion? Boot = null)
{
    /// <summary>Active and sleep power from the datasheet (<c>power:</c>); null when the profile gives none
    /// (emulated boards): the report then has no energy figures for this core.</summary>
    public CorePower? Power { get; init; }
}
