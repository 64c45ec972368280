using CommandLine;

namespace Dsl.Cli.Verbs;

/// <summary>Options every verb that reads a model shares.</summary>
public abstract class ModelOptions
{
    [Option('m', "model", Required = true, HelpText = "The model's dsl.json, or the folder that holds it.")]
    public string Model { get; set; } = string.Empty;

    [Option("rounding", Default = "single", HelpText = "Requantization rounding: single (default, one rounding half up) or tflite (TFLite/CMSIS-NN double rounding).")]
    public string Rounding { get; set; } = "single";

    [Option("calibration", Separator = ',', HelpText = "Calibration WAVs (comma-separated); default: the ones dsl.json lists.")]
    public IEnumerable<string> Calibration { get; set; } = Array.Empty<string>();

    [Option("calibration-estimator", HelpText = "How calibrated ranges are chosen: minmax, percentile[:P] (P % kept at each end, default 99.99) or mse (least squared rounding + clamping error); default: dsl.json's calibration_estimator, else minmax.")]
    public string? CalibrationEstimator { get; set; }

    [Option("calibration-gains-db", HelpText = "Also calibrate on level-shifted copies of the calibration audio: gains in dB, comma-separated (e.g. --calibration-gains-db=0,-30); default: dsl.json's calibration_gains_db, else 0.")]
    public string? CalibrationGainsDb { get; set; }

    [Option("int16", HelpText = "Activation tensors kept in int16 (mixed precision): none, all (every eligible tensor), heavy (every eligible tensor of the heavy path) or T1,T2,... (tensor names); default: dsl.json's int16_tensors, else the precision search (--target-snr).")]
    public string? Int16 { get; set; }

    [Option("int16-headroom-db", HelpText = "How far (dB) int16 activations reach beyond their calibrated range before they clamp, so audio louder than the calibration audio keeps its peaks; default: dsl.json's int16_headroom_db, else 15.")]
    public string? Int16HeadroomDb { get; set; }

    [Option("target-snr", HelpText = "Mixed precision chosen by dslc: the least costly set of int16 tensors that brings every audio output within DB dB SNR of the float model on the calibration audio, or off (int8 everywhere); default: dsl.json's target_snr_db, else 30. --int16 overrides it.")]
    public string? TargetSnr { get; set; }

    [Option("replay-frames", HelpText = "Bounded replay: the heavy path replays at most K handoff frames on a light -> heavy restart, K from 0 to R (its receptive field, which is exact); fewer is cheaper and inexact (a warning says so); default: dsl.json's replay_frames, else R.")]
    public int? ReplayFrames { get; set; }

    [Option("cache", HelpText = "Folder of the calibration cache (results keyed by the SHA-256 of the model, the calibration audio and the options, so a repeated run skips calibration); default: $DSLC_CACHE, else $XDG_CACHE_HOME/dslc, else ~/.cache/dslc.")]
    public string? Cache { get; set; }

    [Option("no-cache", HelpText = "Calibrate afresh: neither read nor write the calibration cache.")]
    public bool NoCache { get; set; }

    [Option('q', "quiet", HelpText = "Print only the result lines.")]
    public bool Quiet { get; set; }
}
