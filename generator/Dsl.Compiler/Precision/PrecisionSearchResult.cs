namespace Dsl.Compiler.Precision;

/// <summary>What the precision search found.</summary>
/// <param name="Chosen">The int16 tensors, sorted.</param>
/// <param name="Met">True when every output reaches the target with <paramref name="Chosen"/>.</param>
/// <param name="Snr">SNR per output of the chosen set.</param>
/// <param name="Cost">Cost of the chosen set.</param>
/// <param name="Int8Snr">SNR per output with every tensor int8.</param>
/// <param name="Int8Cost">Cost with every tensor int8.</param>
/// <param name="Trials">Every eligible tensor alone, sorted by name.</param>
/// <param name="Evaluations">Candidates the golden model ran.</param>
public sealed record PrecisionSearchResult(
    IReadOnlyList<string> Chosen,
    bool Met,
    IReadOnlyList<OutputSnr> Snr,
    CandidateCost Cost,
    IReadOnlyList<OutputSnr> Int8Snr,
    CandidateCost Int8Cost,
    IReadOnlyList<TensorTrial> Trials,
    int Evaluations)
{
    /// <summary>Eligible tensors left int8 because adding them would break a cost cap, sorted.</summary>
    public IReadOnlyList<string> Unaffordable { get; init; } = [];
}
