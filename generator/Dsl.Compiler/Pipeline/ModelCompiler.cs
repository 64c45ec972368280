using Dsl.Compiler.Analysis;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Lowering;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Onnx;
using Dsl.Compiler.Passes;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Routing;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Pipeline;

/// <summary>
/// The compiler front to back: dsl.json + model.onnx -> streamed IR -> partition -> calibration
/// -> quantization -> scheduled program with its memory plan.
/// </summary>
public static class ModelCompiler
{
    /// <summary>Import, lower and run the passes: the float streamed graph and its partition.</summary>
    public static (DslManifest Manifest, IrGraph Graph, Partition Partition) Analyze(string manifestPath, int traceFrames = 8)
    {
        DslManifest manifest = DslManifestLoader.Load(manifestPath);
        if (!File.Exists(manifest.ModelPath))
        {
            throw new DslException(DslErrorCode.Io, $"{manifest.Path}: model file '{manifest.ModelFile}' not found next to it ({manifest.ModelPath})");
        }

        OnnxGraph onnx = OnnxImporter.Import(manifest.ModelPath, (long)manifest.Frame * traceFrames);
        IrGraph graph = OnnxLowering.Lower(onnx, manifest.Input, manifest.Frame, traceFrames);
        graph = PassPipeline.Run(graph, manifest.ModelPath);
        graph = SharedLayerCopy.Apply(graph, manifest);
        Partition partition = Partitioner.Run(graph, manifest);
        AudioBoundaries.Check(graph, manifest);
        return (manifest, graph, partition);
    }

    public static CompiledModel Compile(string manifestPath, CompileOptions options)
    {
        (DslManifest manifest, IrGraph graph, Partition partition) = Analyze(manifestPath, options.TraceFrames);
        // K is resolved once, into the manifest every later program build (precision search, requantize) reads.
        int replayFrames = ReplayBound.Resolve(partition.ReplayFrames, options.ReplayFrames, manifest);
        manifest = manifest with { ReplayFrames = replayFrames };
        if (ReplayBound.Warning(replayFrames, partition.ReplayFrames) is { } bounded)
        {
            options.Warning?.Invoke(bounded);
        }

        IReadOnlyList<string> files = options.CalibrationFiles.Count > 0
            ? options.CalibrationFiles
            : ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration");
        if (files.Count == 0)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: no calibration audio: list WAVs under 'calibration' or pass --calibration");
        }

        var clips = files.Select(f => (Path.GetFileName(f), ReadCalibrationClip(f, manifest))).ToList();
        IReadOnlyList<double>? gains = options.CalibrationGainsDb ?? manifest.CalibrationGainsDb;
        CalibrationRanges ranges = options.CalibrationCache is { } cache
            ? cache.GetOrRun(CalibrationKey.Of(manifest.Path, manifest.ModelPath, files, gains is { Count: > 0 } ? gains : [0.0], options.TraceFrames),
                () => Calibrator.Run(graph, clips, options.Progress, gains), options.Progress, options.Warning)
            : Calibrator.Run(graph, clips, options.Progress, gains);
        RangeEstimator estimator = options.Estimator ?? manifest.CalibrationEstimator ?? RangeEstimator.Default;
        IReadOnlySet<string>? given = Int16Choice(options, manifest, graph, partition, ranges, estimator);
        Int16Headroom headroom = options.Int16Headroom ?? manifest.Int16Headroom ?? Int16Headroom.Default;
        var quant = new QuantizationPlan(graph, manifest, ranges, estimator, given ?? new HashSet<string>(StringComparer.Ordinal), headroom);
        foreach (string warning in quant.Warnings)
        {
            options.Warning?.Invoke(warning);
        }

        ModelProgram program = new ProgramBuilder(graph, partition, manifest, quant, options.Rounding).Build();
        var model = new CompiledModel(manifest, graph, partition, quant, program, ranges);
        return ChoosePrecision(model, options, given, files, clips, gains);
    }

    /// <summary>
    /// The int16 tensors: <paramref name="given"/> when the options or dsl.json name them, else what the precision
    /// search picks for the target SNR (cached in <see cref="CompileOptions.PrecisionCache"/>); the model requantized
    /// to them, with the decision and its report.
    /// </summary>
    private static CompiledModel ChoosePrecision(CompiledModel model, CompileOptions options, IReadOnlySet<string>? given,
        IReadOnlyList<string> files, IReadOnlyList<(string, short[])> clips, IReadOnlyList<double>? gains)
    {
        TargetSnr target = options.TargetSnr ?? model.Manifest.TargetSnr ?? (model.Manifest.Classes is null ? TargetSnr.Default : TargetSnr.None);
        if (model.Manifest.Classes is not null && !target.Off)
        {
            // The search aims at an audio SNR; class scores are judged by labels (docs/classifier-heads.md).
            throw options.TargetSnr is not null
                ? new DslException(DslErrorCode.Usage, $"--target-snr {target}: {model.Manifest.Path} has a classifier head ('classes'), no audio output to aim an SNR at; drop --target-snr (name int16 tensors with --int16)")
                : new DslException(DslErrorCode.Manifest, $"{model.Manifest.Path}: field 'target_snr_db' needs an audio output, but the heavy output is a classifier head ('classes'); remove it (name int16 tensors with 'int16_tensors')");
        }

        // The audio input and outputs are int16 PCM whatever the choice: not candidates.
        var candidates = QuantizationPlan.Int16Candidates(model.Graph, model.Manifest, model.Ranges, model.Quantization.Estimator)
            .Where(c => model.Quantization.Of(c.Key).ElementBytes == 1 || model.Quantization.Int16Tensors.Contains(c.Key))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        string key = PrecisionKey.Of([model.Manifest.Path, model.Manifest.ModelPath, .. files],
        [
            "estimator=" + model.Quantization.Estimator.Name,
            "int16_headroom=" + model.Quantization.Headroom,
            "gains=" + string.Join(',', (gains ?? []).Select(g => g.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            "rounding=" + options.Rounding,
            "target=" + target,
            "replay_frames=" + model.Program.ReplayFrames, // the handoff ring's bytes in the cost
            "budget=" + EvaluationAudio.FrameBudget + "/" + EvaluationAudio.RankFrameBudget + "/" + EvaluationAudio.MinFramesPerClip,
            .. candidates.Select(c => $"candidate {c.Key}: {c.Value}"),
        ]);
        var inputs = new PrecisionInputs(model.Graph, model.Manifest, model.Program.HasLightOutput, clips, gains, candidates,
            set => Requantize(model, set, options.Rounding).Program, key);
        // The run's own precision.json first (e.g. the output folder about to be replaced), else the cache folder's
        // entry for this key: a default work folder is new on every run and holds no earlier decision.
        string? precisionEntry = options.CalibrationCache?.PrecisionEntryPath(key);
        string? precisionCache = PrecisionJson.Read(options.PrecisionCache, key) is null && precisionEntry is not null ? precisionEntry : options.PrecisionCache;
        PrecisionChoice choice = PrecisionAnalysis.Decide(inputs, target, given, precisionCache);
        if (choice.Source == "search" && precisionEntry is not null)
        {
            options.CalibrationCache!.StorePrecision(key, PrecisionJson.ToJson(choice), options.Warning);
        }

        if (choice.Warning() is { } warning)
        {
            options.Warning?.Invoke(warning);
        }

        var chosen = new HashSet<string>(choice.Chosen, StringComparer.Ordinal);
        CompiledModel result = chosen.SetEquals(model.Quantization.Int16Tensors) ? model : Requantize(model, chosen, options.Rounding);
        return result with { Precision = choice };
    }

    /// <summary>
    /// The same model with another set of int16 tensors, from the same calibration ranges and estimator (no
    /// calibration run): what a precision search calls per candidate.
    /// </summary>
    public static CompiledModel Requantize(CompiledModel model, IReadOnlySet<string> int16Tensors, RoundingRule rounding)
    {
        ArgumentNullException.ThrowIfNull(model);
        var quant = new QuantizationPlan(model.Graph, model.Manifest, model.Ranges, model.Quantization.Estimator, int16Tensors, model.Quantization.Headroom);
        ModelProgram program = new ProgramBuilder(model.Graph, model.Partition, model.Manifest, quant, rounding).Build();
        return model with { Quantization = quant, Program = program };
    }

    /// <summary>Which tensors are int16 when given: the options' choice, else dsl.json's 'int16_tensors'; null: the
    /// precision search decides.</summary>
    private static IReadOnlySet<string>? Int16Choice(CompileOptions options, DslManifest manifest, IrGraph graph, Partition partition,
        CalibrationRanges ranges, RangeEstimator estimator)
    {
        Int16Scope? scope = options.Int16Scope ?? (options.Int16Tensors is null ? manifest.Int16Scope : null);
        if (scope is not null)
        {
            var heavy = new HashSet<string>(partition.HeavyNodes.Select(n => n.Output), StringComparer.Ordinal);
            return QuantizationPlan.Int16Candidates(graph, manifest, ranges, estimator)
                .Where(c => c.Value is null && (scope == Int16Scope.All || heavy.Contains(c.Key)))
                .Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        }

        return options.Int16Tensors ?? manifest.Int16Tensors;
    }

    /// <summary>A clip shorter than one frame adds nothing to calibration; the WAV is at fault, not dsl.json.</summary>
    private static short[] ReadCalibrationClip(string path, DslManifest manifest)
    {
        short[] samples = WavFile.ReadMono16(path, manifest.SampleRate);
        if (samples.Length < manifest.Frame)
        {
            throw new DslException(DslErrorCode.Audio, $"{path}: holds {samples.Length} sample(s), less than one frame ({manifest.Frame} samples); calibration audio needs at least one whole frame per file");
        }

        return samples;
    }
}
