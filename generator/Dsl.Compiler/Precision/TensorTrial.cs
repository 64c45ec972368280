namespace Dsl.Compiler.Precision;

/// <summary>One eligible tensor made int16 alone, all others int8: what it buys and what it costs against all-int8.</summary>
/// <param name="Tensor">The tensor.</param>
/// <param name="GainDb">SNR (dB) it adds toward the target, summed over the outputs below it and capped at it
/// (<see cref="PrecisionSearch"/>); null when the search did not need to measure it.</param>
/// <param name="Instructions">Extra estimated instructions per frame (both paths, <see cref="CandidateCost.ObjectiveVariant"/>).</param>
/// <param name="Bytes">Extra bytes (RAM and constants).</param>
public sealed record TensorTrial(string Tensor, double? GainDb, double Instructions, long Bytes);
