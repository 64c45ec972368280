using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Pipeline;

/// <summary>Options of one compilation.</summary>
public sealed record CompileOptions
{
    /// <summary>Requantization rounding rule (default: single rounding).</summary>
    public RoundingRule Rounding { get; init; } = RoundingRule.Single;

    /// <summary>Calibration WAVs; empty means the ones dsl.json lists.</summary>
    public IReadOnlyList<string> CalibrationFiles { get; init; } = Array.Empty<string>();

    /// <summary>How calibrated ranges are chosen; null means dsl.json's 'calibration_estimator', else <see cref="RangeEstimator.Default"/>.</summary>
    public RangeEstimator? Estimator { get; init; }

    /// <summary>Gains (dB) the calibration clips are run at; null means dsl.json's 'calibration_gains_db', else the clips as they are.</summary>
    public IReadOnlyList<double>? CalibrationGainsDb { get; init; }

    /// <summary>Frames of audio the importer resolves shapes with.</summary>
    public int TraceFrames { get; init; } = 8;

    /// <summary>Warnings about the model (shown even when progress is quiet); null to drop them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Progress lines for long steps (calibration); null for silence.</summary>
    public Action<string>? Progress { get; init; }
}
