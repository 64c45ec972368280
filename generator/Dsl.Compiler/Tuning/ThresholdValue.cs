using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// The float switch threshold for an int8 one. ProgramBuilder quantizes dsl.json's threshold t (a float32) as
/// ceil(zp + t / scale - 1e-9) with the switch score's parameters, and the score's range is widened to contain t: a
/// value in the middle of the step below the int8 threshold q gives q with a margin of half a step either way and,
/// inside the calibrated range, leaves the score's parameters (and so every score the sweep saw) unchanged.
/// </summary>
public static class ThresholdValue
{
    /// <summary>Values to try for <paramref name="thresholdQ"/>, best first: mid-step, then the step's top (the real
    /// value of q itself), then just above the step's bottom, for the ends of the range where mid-step falls outside.</summary>
    public static IReadOnlyList<float> Candidates(QuantParams score, int thresholdQ)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new[] { thresholdQ - 0.5, thresholdQ, thresholdQ - 0.99 }
            .Select(q => (float)((q - score.ZeroPoint) * score.Scale))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> (dsl.json with a new threshold, hold, policy) compiles to
    /// <paramref name="thresholdQ"/> with the switch score's parameters of <paramref name="model"/>: the program is
    /// rebuilt from the model's calibration ranges (<see cref="ModelCompiler.Requantize"/>), as a regenerate does.
    /// </summary>
    public static bool CompilesTo(CompiledModel model, DslManifest candidate, int thresholdQ)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(candidate);
        CompiledModel rebuilt = ModelCompiler.Requantize(model with { Manifest = candidate }, model.Quantization.Int16Tensors, model.Program.Rounding);
        string score = model.Graph.OutputTensor(candidate.SwitchOutput);
        return rebuilt.Program.SwitchThreshold == thresholdQ && rebuilt.Quantization.Of(score) == model.Quantization.Of(score);
    }
}
