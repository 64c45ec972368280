namespace Dsl.Compiler.Precision;

/// <summary>Estimated instructions per frame of each path when its steps run the kernels of
/// <paramref name="Variant"/> (<see cref="KernelCostTable"/>): an estimate of instructions, not cycles.</summary>
/// <param name="Variant">portable, dsp or mve.</param>
/// <param name="Light">Light path, per frame.</param>
/// <param name="Heavy">Heavy path, per call (no replay).</param>
public sealed record VariantInstructions(string Variant, double Light, double Heavy);
