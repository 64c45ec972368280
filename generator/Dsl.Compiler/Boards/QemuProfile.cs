namespace Dsl.Compiler.Boards;

/// <summary>How to emulate a board with qemu-system-arm.</summary>
/// <param name="Machine">The <c>-M</c> machine name, e.g. <c>mps2-an386</c>.</param>
/// <param name="IcountShift">The <c>-icount shift=N</c> value: one instruction takes 2^N ns of virtual time.</param>
/// <param name="SysTickRefHz">SysTick reference clock of the machine, to turn ticks into instructions.</param>
/// <param name="HeavyCore">Two-core boards: how the heavy core's image is loaded and started; null on
/// single-core boards.</param>
public sealed record QemuProfile(string Machine, int IcountShift, long SysTickRefHz, QemuHeavyCore? HeavyCore = null)
{
    /// <summary>Instructions per SysTick tick (reference clock) under <c>-icount shift=N</c>.</summary>
    public double InstructionsPerTick => 1e9 / SysTickRefHz / Math.Pow(2, IcountShift);
}
