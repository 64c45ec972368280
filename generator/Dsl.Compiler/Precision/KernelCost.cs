namespace Dsl.Compiler.Precision;

/// <summary>Estimated instructions per unit of one kernel op in one variant (<see cref="KernelCostTable"/>).</summary>
/// <param name="Per">The unit: mac, element or byte.</param>
/// <param name="Instructions">Instructions per unit: an estimate of instructions, not cycles.</param>
/// <param name="Source">measured (QEMU profile) or provisional (assumed until measured); fallback when the op is
/// not in the table and its int8 form's figure stands in.</param>
public sealed record KernelCost(string Per, double Instructions, string Source);
