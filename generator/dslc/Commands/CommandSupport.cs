using System.Globalization;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;

namespace Dsl.Cli.Commands;

/// <summary>Argument handling shared by the verbs.</summary>
public static class CommandSupport
{
    /// <summary>dsl.json itself, or the dsl.json inside a folder.</summary>
    public static string ManifestPath(string model)
    {
        if (Directory.Exists(model))
        {
            string inside = Path.Combine(model, "dsl.json");
            return File.Exists(inside)
                ? inside
                : throw new DslException(DslErrorCode.Io, $"{model}: folder has no dsl.json; pass the model's dsl.json with --model");
        }

        return File.Exists(model)
            ? model
            : throw new DslException(DslErrorCode.Io, $"{model}: not found; pass the model's dsl.json (or its folder) with --model");
    }

    /// <summary>dsl.json of <c>--model</c>, read before any compile work (to check outputs first).</summary>
    public static DslManifest Manifest(string model) => DslManifestLoader.Load(ManifestPath(model));

    /// <summary>What a run of the model reads: the model's files, <c>--calibration</c>, the runtime and board
    /// sources (when dslc runs from a checkout), dslc itself and <paramref name="more"/> (audio, board profile).</summary>
    public static ModelInputs Inputs(ModelOptions o, DslManifest manifest, params IEnumerable<string?> more)
    {
        RepoLayout? repo;
        try
        {
            repo = RepoLayout.Find();
        }
        catch (DslException)
        {
            repo = null; // 'run' works without a checkout; the verbs that need one report it themselves
        }

        return ModelInputs.Of(manifest, [.. o.Calibration, repo?.RuntimeDir, repo?.BoardsDir, AppContext.BaseDirectory, .. more]);
    }

    /// <summary>Writes one output file (creating its folder); failures are I/O errors naming <paramref name="option"/>.</summary>
    public static void WriteFile(string path, string option, Action<string> write)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: cannot write ({e.Message}); choose another file for {option}", e);
        }
    }

    /// <summary>Comma-separated gains in dB for <c>--calibration-gains-db</c>.</summary>
    public static IReadOnlyList<double> GainsDb(string text)
    {
        var gains = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            gains.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double g)
                ? g
                : throw new DslException(DslErrorCode.Usage, $"--calibration-gains-db: '{part}' is not a number; give gains in dB separated by commas, e.g. --calibration-gains-db=0,-30"));
        }

        return CalibrationGain.Check(gains, DslErrorCode.Usage, "--calibration-gains-db");
    }

    /// <summary>--int16 none or T1,T2,... as a set ("all" and "heavy" are <see cref="CompileOptions.Int16Scope"/>).</summary>
    public static IReadOnlySet<string> Int16Tensors(string text)
    {
        if (text.Trim() == "none")
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            throw new DslException(DslErrorCode.Usage, $"--int16: '{text}' has an empty tensor name; give none, all or tensor names separated by commas");
        }

        return names.ToHashSet(StringComparer.Ordinal);
    }

    public static RoundingRule Rounding(string text) => text.ToLowerInvariant() switch
    {
        "single" => RoundingRule.Single,
        "tflite" or "cmsis" => RoundingRule.Tflite,
        _ => throw new DslException(DslErrorCode.Usage, $"--rounding: unknown rule '{text}'; use single or tflite"),
    };

    public static CompileOptions CompileOptions(ModelOptions o, Action<string> info) => new()
    {
        Rounding = Rounding(o.Rounding),
        CalibrationFiles = o.Calibration.ToList(),
        Estimator = o.CalibrationEstimator is null ? null : RangeEstimator.Parse(o.CalibrationEstimator, DslErrorCode.Usage, "--calibration-estimator"),
        CalibrationGainsDb = o.CalibrationGainsDb is null ? null : GainsDb(o.CalibrationGainsDb),
        Int16Tensors = o.Int16 is null or "all" or "heavy" ? null : Int16Tensors(o.Int16),
        Int16Scope = o.Int16 switch { "all" => Int16Scope.All, "heavy" => Int16Scope.Heavy, _ => null },
        Int16Headroom = o.Int16HeadroomDb is null ? null : Int16Headroom.Parse(o.Int16HeadroomDb, DslErrorCode.Usage, "--int16-headroom-db"),
        TargetSnr = o.TargetSnr is null ? null : TargetSnr.Parse(o.TargetSnr, DslErrorCode.Usage, "--target-snr"),
        ReplayFrames = o.ReplayFrames,
        CalibrationCache = CalibrationCache(o),
        Progress = info,
        Warning = w => Console.Error.WriteLine("dslc: warning: " + w), // not through info: -q never hides a warning
    };

    /// <summary>The calibration cache of --cache (else the default folder), or none with --no-cache.</summary>
    public static CalibrationCache? CalibrationCache(ModelOptions o)
    {
        if (o.NoCache)
        {
            return o.Cache is null
                ? null
                : throw new DslException(DslErrorCode.Usage, "--cache and --no-cache: give one of them (--no-cache calibrates afresh)");
        }

        string folder = o.Cache ?? Dsl.Compiler.Quantization.CalibrationCache.DefaultFolder(Environment.GetEnvironmentVariable);
        try
        {
            return new CalibrationCache(folder);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DslException(DslErrorCode.Usage, $"--cache {folder}: not a valid folder name ({e.Message}); give another folder (or set {Dsl.Compiler.Quantization.CalibrationCache.EnvironmentVariable})", e);
        }
    }

    /// <param name="precisionCache">precision.json of an earlier run whose decision may be reused (<see cref="Dsl.Compiler.Pipeline.CompileOptions.PrecisionCache"/>).</param>
    public static CompiledModel Compile(ModelOptions o, Action<string> info, string? precisionCache = null) =>
        ModelCompiler.Compile(ManifestPath(o.Model), CompileOptions(o, info) with { PrecisionCache = precisionCache });

    public static BoardProfile Board(string nameOrPath) => BoardProfileLoader.Load(nameOrPath, RepoLayout.Find().BoardsDir);

    public static KernelVariant Variant(string? text) => text?.ToLowerInvariant() switch
    {
        null or "portable" => KernelVariant.Portable,
        "dsp" => KernelVariant.Dsp,
        "mve" => KernelVariant.Mve,
        _ => throw new DslException(DslErrorCode.Usage, $"--variant: unknown kernel variant '{text}'; use portable, dsp or mve"),
    };

    /// <summary>The WAVs of <c>-a</c> (files, folders, globs: <see cref="AudioArguments"/>), else the test WAVs of dsl.json.</summary>
    public static IReadOnlyList<string> TestAudio(DslManifest m, IEnumerable<string> given)
    {
        var list = given.ToList();
        return list.Count > 0 ? AudioArguments.Expand(list, "-a") : ManifestFiles.Expand(m, m.TestPatterns, "test");
    }

    public static Action<string> Info(bool quiet) => quiet ? _ => { } : line => Console.Error.WriteLine(line);
}
