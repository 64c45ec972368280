namespace Dsl.Compiler.Toolchain;

/// <summary>How a QEMU (or host) run of test firmware ended.</summary>
public enum QemuOutcome
{
    /// <summary>Exited with code 0.</summary>
    Passed,

    /// <summary>Exited with a non-zero code of its own (harness error: bad input, trace write failed...).</summary>
    Failed,

    /// <summary>The fault handler exited with code 127 (HardFault, MemManage, BusFault, UsageFault).</summary>
    HardFault,

    /// <summary>An exception without a handler of its own (runtime-c/target Default_Handler exits with 126).</summary>
    UnexpectedException,

    /// <summary>Did not exit within the timeout.</summary>
    Hang,

    /// <summary>QEMU itself aborted (e.g. CPU lockup without a fault handler, exit 134) or could not start the machine.</summary>
    EmulatorError,
}
