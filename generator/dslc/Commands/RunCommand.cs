using System.Globalization;
using System.Text;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reference;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Cli.Commands;

/// <summary>dslc run: a WAV through the float reference, the int8 golden model or the emitted C.</summary>
public static class RunCommand
{
    public static int Run(RunOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        string engine = o.Engine.ToLowerInvariant();
        if (engine is not ("float" or "int8" or "c-host"))
        {
            throw new DslException(DslErrorCode.Usage, $"--engine: unknown engine '{o.Engine}'; use float, int8 or c-host");
        }

        DslManifest manifest = CommandSupport.Manifest(o.Model);
        string wav = AudioArguments.One(o.Audio, "-a");
        string tracePath = o.Trace ?? o.Out + ".trace.csv";
        ModelInputs inputs = CommandSupport.Inputs(o, manifest, wav);
        inputs.RefuseAsOutputFile(o.Out, "-o");
        inputs.RefuseAsOutputFile(tracePath, "--trace");
        short[] audio = StreamedAudio.Read(wav, manifest.SampleRate, manifest.Frame);
        CompiledModel model = CommandSupport.Compile(o, info);
        PrecisionLines.Summary(model, info);
        int n = model.Manifest.Frame;
        var rows = new List<(bool Heavy, int Replay, string Score)>();
        var output = new List<short>();
        var classRows = new List<ClassScoresCsv.Row>();
        ClassHeadProgram? head = model.Program.Classes;
        IReadOnlyList<TensorClamps>? clamps = null;
        if (engine == "float")
        {
            foreach (FloatRoutedRun.Frame f in FloatRoutedRun.Run(model.Graph, model.Partition, model.Manifest, audio))
            {
                rows.Add((f.Heavy, f.ReplayFrames, f.Score.ToString("G6", CultureInfo.InvariantCulture)));
                if (head is not null)
                {
                    // The float reference computes no scores on a gated frame: empty cells, the negative class.
                    classRows.Add(new ClassScoresCsv.Row(!f.Heavy, f.Heavy ? f.Output.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)).ToList() : null,
                        f.Heavy ? ClassificationMetrics.ArgMax(f.Output) : head.NegativeIndex));
                    continue;
                }

                output.AddRange(f.Output.Select(Pcm.ToPcm));
            }
        }
        else
        {
            // Clamps are counted by the golden model on the routed run (the emitted C computes the same values).
            var bounds = new SaturationBounds(model);
            ClampCounter counter = bounds.NewCounter();
            List<FrameRecord> golden = new GoldenModel(model.Program) { Clamps = counter }.RunClip(audio);
            clamps = bounds.Tensors(counter);
            IReadOnlyList<FrameRecord> trace = engine == "int8" ? golden : RunHostC(model, wav, info);
            foreach (FrameRecord r in trace)
            {
                rows.Add((r.Route == 1, r.ReplayFrames, r.SwitchScore.ToString(CultureInfo.InvariantCulture)));
                if (head is not null)
                {
                    // The scores m_process returned (the gated ones on a light frame); the label as the C argmax gives it.
                    int[] scores = r.Process.Out.Select(v => (int)v).ToArray();
                    classRows.Add(new ClassScoresCsv.Row(r.Route != 1, scores.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList(),
                        r.Route == 1 ? ClassHeadProgram.ArgMax(scores) : head.NegativeIndex));
                    continue;
                }

                output.AddRange(r.Process.Out); // c-host: what the emitted m_process returned
            }
        }

        if (head is null)
        {
            CommandSupport.WriteFile(o.Out, "-o", p => WavFile.WriteMono16(p, output.ToArray(), model.Manifest.SampleRate));
        }
        else
        {
            // No audio output: the per-frame class scores as CSV (docs/classifier-heads.md).
            string scoresCsv = ClassScoresCsv.Text(head, n, model.Manifest.SampleRate, classRows);
            CommandSupport.WriteFile(o.Out, "-o", p => File.WriteAllText(p, scoresCsv));
        }

        var csv = new StringBuilder("frame,route,replay_frames,switch_score\n");
        for (int i = 0; i < rows.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{(rows[i].Heavy ? "heavy" : "light")},{rows[i].Replay},{rows[i].Score}\n");
        }

        CommandSupport.WriteFile(tracePath, "--trace", p => File.WriteAllText(p, csv.ToString()));
        int heavy = rows.Count(r => r.Heavy);
        Console.WriteLine($"{engine}: {rows.Count} frames, {heavy} heavy ({100.0 * heavy / Math.Max(1, rows.Count):F1}%), {rows.Count - heavy} light; wrote {o.Out} and {tracePath}");
        if (clamps is not null)
        {
            QualityLines.Clamps(Path.GetFileName(wav), clamps);
        }

        return 0;
    }

    private static IReadOnlyList<FrameRecord> RunHostC(CompiledModel model, string wav, Action<string> info)
    {
        string work = Path.Combine(Path.GetTempPath(), "dslc-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            string emitted = Path.Combine(work, model.Program.Name);
            GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "a temporary folder"), null, PathVariants.Uniform(KernelVariant.Portable), info);
            return ModelValidator.Run(model, emitted, new[] { wav }, null, Path.Combine(work, "build"), info)[0].Trace;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
