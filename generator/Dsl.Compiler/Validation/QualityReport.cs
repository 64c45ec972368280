namespace Dsl.Compiler.Validation;

/// <summary>Everything <c>dslc validate</c> found, as <c>--json</c> writes it (<see cref="QualityReportJson"/>,
/// docs/quality-report.md).</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Target">"host" or the board's name.</param>
/// <param name="Rounding">The requantization rule (single or tflite).</param>
/// <param name="Validations">Per clip, the emitted C against the golden model.</param>
/// <param name="Quality">Per clip (same order), int8 against float and the clamp counts.</param>
/// <param name="LayersClip">The clip <paramref name="Layers"/> was measured on (null without --layers).</param>
/// <param name="Layers">Per tensor, int8 against float, worst first (null without --layers).</param>
public sealed record QualityReport(
    string Model,
    string Target,
    string Rounding,
    IReadOnlyList<ClipValidation> Validations,
    IReadOnlyList<ClipQuality> Quality,
    string? LayersClip = null,
    IReadOnlyList<LayerErrorProbe.LayerSnr>? Layers = null)
{
    /// <summary>Bumped on any change a reader could notice (a field renamed, removed or retyped).</summary>
    public const int SchemaVersion = 1;

    public ValidationVerdict Verdict => ValidationVerdict.Of(Validations);
}
