using Dsl.Cli.Checks;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Validation;

namespace Dsl.Cli.Commands;

/// <summary>
/// dslc validate: the emitted C (host gcc, or an emulated board under QEMU) against the golden
/// model on every frame; also the float reference against onnxruntime and int8 against float.
/// </summary>
public static class ValidateCommand
{
    /// <summary>One clip's routed output against always-heavy under bounded replay (K &lt; R).</summary>
    public static string BoundedReplayLine(CompiledModel model, string clip, ReplayFidelity r) => FormattableString.Invariant(
        $"bounded replay K = {model.Program.ReplayFrames} < R = {model.Program.ReceptiveFrames}, {clip}: {r.DifferingHeavyFrames} of {r.HeavyFrames} heavy frames differ from always-heavy, heavy-frame SNR {r.HeavySnrDb:F1} dB, routed output vs always-heavy {r.RoutedSnrDb:F1} dB; {r.CallsPerFrame:F3} heavy calls per frame (golden model, not a bit-exact check)");

    /// <summary>Writes --report and --junit (when given).</summary>
    private static void WriteResults(ValidateOptions o, ValidationResults results, Action<string> info)
    {
        if (o.Report is not null)
        {
            ValidationResultsJson.Write(results, o.Report, "--report");
            info($"wrote {o.Report}");
        }

        if (o.Junit is not null)
        {
            JUnitReport.Write(results, o.Junit, "--junit");
            info($"wrote {o.Junit}");
        }
    }

    public static int Run(ValidateOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        BoardProfile? board = o.Board is null ? null : CommandSupport.Board(o.Board);
        if (board is not null && !board.IsEmulated)
        {
            throw new DslException(DslErrorCode.Board, $"{board.FilePath}: board '{board.Name}' has no QEMU machine; validate on an emulated board or on the host (no --board), and use 'dslc generate --board {board.Name}' to build for it");
        }

        if (!(o.PacedLoad >= 0) || double.IsInfinity(o.PacedLoad))
        {
            throw new DslException(DslErrorCode.Usage, $"--paced-load {o.PacedLoad}: a load >= 0 (1 the default pacing, 0 no paced run)");
        }

        string target = board?.Name ?? "host";
        DslManifest manifest = CommandSupport.Manifest(o.Model);
        ClipShard? shard = o.Shard is null ? null : ClipShard.Parse(o.Shard, "--shard");
        IReadOnlyList<string> allClips = CommandSupport.TestAudio(manifest, o.Audio);
        IReadOnlyList<string> clips = shard is null ? allClips : shard.Select(allClips);
        ModelInputs inputs = CommandSupport.Inputs(o, manifest, [board?.FilePath, o.Emitted, .. clips]);
        using WorkFolder scratch = WorkFolder.Of(o.Work, "validate", $"{manifest.CName}-{target}", o.KeepWork, info);
        string workPath = scratch.Path;
        foreach ((string? file, string option) in new[] { (o.Json, "--json"), (o.Report, "--report"), (o.Junit, "--junit") })
        {
            if (file is null)
            {
                continue;
            }

            inputs.RefuseAsOutputFile(file, option);
            string relative = Path.GetRelativePath(Path.GetFullPath(workPath), Path.GetFullPath(file));
            if (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                throw new DslException(DslErrorCode.Io, $"{file}: is inside the --work folder {workPath}, which validate replaces; choose a file outside it for {option}");
            }

            OutputFile.Prepare(file, option); // a bad folder fails now, not after the run
        }

        string rounding = CommandSupport.Rounding(o.Rounding).ToString().ToLowerInvariant();
        if (clips.Count == 0)
        {
            // More shards than clips: this one has none; it passes with empty results so a CI matrix stays uniform.
            Console.WriteLine($"shard {shard}: no clips ({allClips.Count} clip(s) in {shard!.Count} shards); nothing to validate on {target}");
            WriteResults(o, new ValidationResults(manifest.Name, rounding, []), CommandSupport.Info(o.Quiet));
            return 0;
        }

        OutputFolder workFolder = OutputFolder.Claim(workPath, inputs, "--work", o.Force);
        // Read (and check) every clip before compiling: a clip shorter than one frame is an audio error.
        var audio = clips.Select(c => (Path.GetFileName(c), StreamedAudio.Read(c, manifest.SampleRate, manifest.Frame))).ToList();
        short[] first = audio[0].Item2;
        // The decision of the C being validated (--emitted), else of the last run in this work folder.
        string precisionCache = Path.Combine(o.Emitted ?? workFolder.Path, PrecisionJson.FileName);
        CompiledModel model = CommandSupport.Compile(o, info, precisionCache);
        PrecisionLines.Summary(model, Console.WriteLine);
        using IDisposable listing = workFolder.Reset();
        string work = workFolder.Path;
        PrecisionLines.Write(model, work);
        string emitted = o.Emitted is null ? Path.Combine(work, model.Program.Name) : Path.GetFullPath(o.Emitted);
        if (o.Emitted is null)
        {
            GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, board is null ? PathVariants.Uniform(KernelVariant.Portable) : PathVariants.Of(board), info,
                layoutBoard: board);
        }

        OnnxRuntimeComparison.Check(model.Manifest, model.Graph, audio, Console.WriteLine, OnnxRuntimeComparison.FullScales(model));

        var quality = new List<ClipQuality>();
        var clipLines = audio.Select(_ => new List<string>()).ToList(); // what --report keeps per clip
        for (int i = 0; i < audio.Count; i++)
        {
            (string name, short[] pcm) = audio[i];
            ClipQuality q = QualityMetrics.Measure(model, name, pcm);
            string line;
            if (model.Program.Classes is not null)
            {
                // A classifier head has no audio to take an SNR of: labels and score errors instead.
                ClipClassification c = ClassificationMetrics.Measure(model, name, pcm);
                q = q with { Classification = c };
                line = ClassificationMetrics.Line(c);
            }
            else
            {
                line = QualityLines.Snr(q);
            }

            quality.Add(q);
            Console.WriteLine(line);
            QualityLines.Clamps(name, q.Clamps);
            clipLines[i].Add(line);
            if (SaturationRule.Summary(name, q.Clamps) is { } clamped)
            {
                clipLines[i].Add(clamped);
            }
        }

        if (!model.Program.ExactReplay && model.Program.Classes is null)
        {
            // Bounded replay: routed heavy frames are not always-heavy's; say by how much (golden == C is still demanded below).
            for (int i = 0; i < audio.Count; i++)
            {
                (string name, short[] pcm) = audio[i];
                string line = BoundedReplayLine(model, name, ReplayFidelity.Measure(model.Program, pcm));
                Console.WriteLine(line);
                clipLines[i].Add(line);
            }
        }

        IReadOnlyList<LayerErrorProbe.LayerSnr>? layers = null;
        if (o.Layers)
        {
            layers = LayerErrorProbe.Run(model, first).OrderBy(l => l.SnrDb).ToList();
            Console.WriteLine($"tensors by int vs float SNR, worst first ({audio[0].Item1}):");
            foreach (LayerErrorProbe.LayerSnr layer in layers)
            {
                Console.WriteLine($"  {layer.SnrDb,6:F1} dB  {layer.Tensor} (scale {layer.Scale:E2})");
            }
        }

        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, clips, board, Path.Combine(work, "build"), info,
            o.PacedLoad == 0 ? null : o.PacedLoad);
        int frames = results.Sum(r => r.Comparison.Frames);
        int heavy = results.Sum(r => r.Comparison.HeavyFrames);
        double seconds = (double)frames * model.Manifest.Frame / model.Manifest.SampleRate;
        if (board is not null)
        {
            var all = results.SelectMany(r => r.Trace).ToList();
            var heavyFrames = all.Where(r => r.Route == 1).ToList();
            // Two cores: each path's count is its own core's (the heavy core's service, timed while the light core sleeps).
            string lightOn = board.IsSingleCore ? "" : $" on core '{board.LightCore}'";
            string heavyOn = board.IsSingleCore ? "" : $" on core '{board.HeavyCore}'";
            Console.WriteLine($"{board.Name}: light path{lightOn} {all.Average(r => (double)r.LightInstructions):N0} instructions/frame (max {all.Max(r => r.LightInstructions):N0}); heavy path{heavyOn} {(heavyFrames.Count > 0 ? heavyFrames.Average(r => (double)r.HeavyInstructions) : 0):N0} instructions per heavy frame incl. replay (max {(heavyFrames.Count > 0 ? heavyFrames.Max(r => r.HeavyInstructions) : 0):N0})");
            foreach (ClipValidation clip in results.Where(r => r.TwoCores is not null))
            {
                TwoCoreClip two = clip.TwoCores!;
                string paced = two.Paced is null ? (clip.Comparison.HeavyFrames == 0 ? "not run: no heavy frame" : "not run")
                    : $"a frame every {two.Paced.PeriodInstructions:N0} instructions of both cores: {two.Paced.Late} late, {two.Paced.Lost} lost, {two.Paced.Overruns} overrun frames";
                Console.WriteLine($"{Path.GetFileName(clip.Clip)}: routed at latency {two.Lockstep.Latency} frames; lockstep: {two.Lockstep.Late} late, {two.Lockstep.Lost} lost, {two.Lockstep.Overruns} overrun frames; paced ({paced})");
            }
        }

        if (o.Json is not null)
        {
            QualityReportJson.Write(new QualityReport(model.Program.Name, target, model.Program.Rounding.ToString().ToLowerInvariant(), results, quality,
                o.Layers ? audio[0].Item1 : null, layers), o.Json);
            info($"wrote {o.Json}");
        }

        WriteResults(o, new ValidationResults(manifest.Name, rounding, results.Select((r, i) =>
            new ClipResult(r.Clip, target, r.Failure, r.Comparison.Frames, r.Comparison.HeavyFrames, clipLines[i]))), info);
        ValidationVerdict verdict = ValidationVerdict.Of(results);
        if (!verdict.BitExact)
        {
            // late, lost or overrun frames with every compared sample equal are a failure, not a difference
            bool differs = results.Any(r => !r.Comparison.BitExact || r.TwoCores?.PacedComparison is { BitExact: false });
            Console.WriteLine($"{(differs ? "NOT bit-exact" : "FAILED")}: {verdict.FirstDifference}");
            return verdict.ExitCode;
        }

        string routed = board is { IsSingleCore: false }
            ? $"routed by the light core at its latency, {(o.PacedLoad == 0 ? "lockstep" : "lockstep and paced")}: the heavy core's output on heavy frames, no frame late"
            : "routed by the single-core call";
        Console.WriteLine($"bit-exact on {target}: {results.Count} clip(s), {frames} frames ({seconds:F1} s), {heavy} heavy ({100.0 * heavy / Math.Max(1, frames):F1}%), {(manifest.Classes is null ? "every output sample" : "every class score")} (per path and {routed}), route decision and handoff byte equal to the golden model");
        return 0;
    }
}
