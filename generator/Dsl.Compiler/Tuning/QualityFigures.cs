namespace Dsl.Compiler.Tuning;

/// <summary>Routed quality over all clips: SNR (sum of signal over sum of error, dB) and mean per-frame log-spectral
/// distance (<see cref="LogSpectralDistance"/>, dB) of the routed output against the always-heavy output and against
/// the input audio.</summary>
/// <param name="SnrVsHeavyDb">+infinity when the routed output is the always-heavy output on every frame.</param>
public sealed record QualityFigures(double SnrVsHeavyDb, double LsdVsHeavyDb, double SnrVsInputDb, double LsdVsInputDb)
{
    /// <summary>The routed output equals the always-heavy output on every frame.</summary>
    public bool IdenticalToHeavy => double.IsPositiveInfinity(SnrVsHeavyDb);
}
