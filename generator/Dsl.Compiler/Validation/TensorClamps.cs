namespace Dsl.Compiler.Validation;

/// <summary>Saturation of one tensor over a clip (<see cref="SaturationBounds"/> says what counts).</summary>
/// <param name="Tensor">The node's output tensor.</param>
/// <param name="Node">The node whose output stage clamped.</param>
/// <param name="Values">Values its output stages requantized (replayed frames included).</param>
/// <param name="Clamped">Of those, the ones clamped at the calibrated limits (not by the activation's own bound).</param>
/// <param name="AudioOutput">An int16 audio output: its clamps clip the audio at full scale.</param>
/// <param name="PreActivation">The clamps are on the values before a table activation (Tanh, ELU, ...).</param>
public sealed record TensorClamps(string Tensor, string Node, long Values, long Clamped, bool AudioOutput, bool PreActivation)
{
    public double Share => Values == 0 ? 0 : (double)Clamped / Values;
}
