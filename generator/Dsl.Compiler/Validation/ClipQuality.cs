namespace Dsl.Compiler.Validation;

/// <summary>How close the int8 model is to the float model on one clip, always-heavy output
/// (<see cref="QualityMetrics.Measure"/>).</summary>
/// <param name="Clip">The clip's file name.</param>
/// <param name="Frames">Frames of the clip.</param>
/// <param name="SnrDb">SNR of the int8 heavy output against the float heavy output over all frames; NaN for a
/// classifier head (<paramref name="Classification"/>).</param>
/// <param name="Levels">The same per input level (quiet, normal, loud, in that order).</param>
/// <param name="Clamps">Every tensor whose output stage ran, in execution order, with its clamp count.</param>
/// <param name="Classification">A classifier head's labels and score errors against float; null for an audio output.</param>
public sealed record ClipQuality(string Clip, int Frames, double SnrDb, IReadOnlyList<LevelSnr> Levels, IReadOnlyList<TensorClamps> Clamps,
    ClipClassification? Classification = null)
{
    /// <summary>The tensors that clamped at least once.</summary>
    public IEnumerable<TensorClamps> Clamped => Clamps.Where(c => c.Clamped > 0);
}
