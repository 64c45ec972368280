namespace Dsl.Compiler.Targets;

/// <summary>What <see cref="BuildGlueWriter.Write"/> produced.</summary>
/// <param name="Directory">The glue folder of the board.</param>
/// <param name="Files">Every file written, absolute paths, sorted.</param>
/// <param name="Cores">The per-core library builds.</param>
/// <param name="Firmware">The QEMU test firmware build (emulated boards), else null.</param>
public sealed record GlueOutput(string Directory, IReadOnlyList<string> Files, IReadOnlyList<CoreBuildPlan> Cores, CoreBuildPlan? Firmware);
