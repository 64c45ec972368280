namespace Dsl.Compiler.Precision;

/// <summary>What one activation tensor got, and why.</summary>
/// <param name="Tensor">The tensor.</param>
/// <param name="Precision">int16 or int8.</param>
/// <param name="Why">Why: chosen by the search, not needed, given by --int16, or the reason it cannot be int16.</param>
/// <param name="Eligible">True when the tensor may be int16.</param>
/// <param name="GainDb">SNR (dB) this tensor alone int16 adds toward the target, summed over outputs below it (<see cref="TensorTrial"/>), when measured.</param>
/// <param name="Instructions">Extra estimated instructions per frame (both paths, dsp variant) with it alone int16.</param>
/// <param name="Bytes">Extra bytes with it alone int16.</param>
public sealed record TensorPrecision(string Tensor, string Precision, string Why, bool Eligible, double? GainDb, double? Instructions, long? Bytes);
