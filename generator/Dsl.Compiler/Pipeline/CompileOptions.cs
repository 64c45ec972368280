using Dsl.Compiler.Precision;
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

    /// <summary>Where calibration results are kept between runs (--cache); null: calibrate every time (--no-cache).</summary>
    public CalibrationCache? CalibrationCache { get; init; }

    /// <summary>How calibrated ranges are chosen; null means dsl.json's 'calibration_estimator', else <see cref="RangeEstimator.Default"/>.</summary>
    public RangeEstimator? Estimator { get; init; }

    /// <summary>Gains (dB) the calibration clips are run at; null means dsl.json's 'calibration_gains_db', else the clips as they are.</summary>
    public IReadOnlyList<double>? CalibrationGainsDb { get; init; }

    /// <summary>
    /// Activation tensors kept in int16 (mixed precision): null lets dslc choose (dsl.json's 'int16_tensors', else
    /// int8 everywhere), empty is int8 everywhere, else exactly these (each must be eligible:
    /// <see cref="QuantizationPlan.Int16Candidates"/>). Ignored when <see cref="Int16Scope"/> is set.
    /// </summary>
    public IReadOnlySet<string>? Int16Tensors { get; init; }

    /// <summary>Keep every eligible activation tensor of a group in int16 (<c>--int16 all</c> or <c>heavy</c>).</summary>
    public Int16Scope? Int16Scope { get; init; }

    /// <summary>How far int16 activations reach beyond their calibrated range; null means dsl.json's
    /// 'int16_headroom_db', else <see cref="Quantization.Int16Headroom.Default"/>.</summary>
    public Int16Headroom? Int16Headroom { get; init; }

    /// <summary>
    /// The precision search's target (<see cref="Precision.PrecisionAnalysis"/>) when neither <see cref="Int16Tensors"/>,
    /// <see cref="Int16Scope"/> nor dsl.json's 'int16_tensors' gives the set; null means dsl.json's
    /// 'target_snr_db', else <see cref="TargetSnr.Default"/>.
    /// </summary>
    public TargetSnr? TargetSnr { get; init; }

    /// <summary>precision.json of an earlier run (e.g. in the output folder about to be replaced): its decision is
    /// reused when its key matches; null: always search.</summary>
    public string? PrecisionCache { get; init; }

    /// <summary>K of bounded replay (<see cref="Routing.ReplayBound"/>, --replay-frames); null means dsl.json's
    /// 'replay_frames', else R (exact).</summary>
    public int? ReplayFrames { get; init; }

    /// <summary>Frames of audio the importer resolves shapes with.</summary>
    public int TraceFrames { get; init; } = 8;

    /// <summary>Warnings about the model (shown even when progress is quiet); null to drop them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Progress lines for long steps (calibration); null for silence.</summary>
    public Action<string>? Progress { get; init; }
}
