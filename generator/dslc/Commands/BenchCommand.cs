using Dsl.Cli.Verbs;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Cli.Commands;

/// <summary>dslc bench: per board and path, instructions (QEMU icount), sizes and memory; with --layers also
/// per step; markdown + JSON.</summary>
public static class BenchCommand
{
    public static int Run(BenchOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        RepoLayout repo = RepoLayout.Find();
        var boardNames = o.Boards.ToList();
        IReadOnlyList<BoardProfile> boards = boardNames.Count > 0
            ? boardNames.Select(CommandSupport.Board).ToList()
            // Default: the single-core emulated boards (two-core boards have no per-step profile; name them with -b).
            : BoardProfileLoader.LoadAll(repo.BoardsDir).Where(b => b.IsEmulated && b.IsSingleCore).ToList();
        if (boards.FirstOrDefault(b => !b.IsEmulated) is { } buildOnly)
        {
            throw new DslException(DslErrorCode.Board, $"{buildOnly.FilePath}: board '{buildOnly.Name}' has no QEMU machine; benchmark emulated boards only");
        }

        DslManifest manifest = CommandSupport.Manifest(o.Model);
        string json = Path.ChangeExtension(o.Out, ".json");
        // Default: every test clip of dsl.json, one after the other (a representative mix of routes).
        IReadOnlyList<string> clips = CommandSupport.TestAudio(manifest, o.Audio);
        if (o.Shard is not null)
        {
            ClipShard shard = ClipShard.Parse(o.Shard, "--shard");
            clips = shard.Select(clips);
            if (clips.Count == 0)
            {
                throw new DslException(DslErrorCode.Usage, $"--shard {shard}: no clips in this shard ({shard.Count} shards of fewer clips); use fewer shards");
            }
        }

        ModelInputs inputs = CommandSupport.Inputs(o, manifest, [.. clips, .. boards.Select(b => b.FilePath)]);
        inputs.RefuseAsOutputFile(o.Out, "-o");
        inputs.RefuseAsOutputFile(json, "-o (its .json)");
        OutputFile.Prepare(o.Out, "-o"); // a bad folder fails now, not after the run
        using WorkFolder scratch = WorkFolder.Of(o.Work, "bench", manifest.CName, o.KeepWork, info);
        OutputFolder workFolder = OutputFolder.Claim(scratch.Path, inputs, "--work", o.Force);
        short[] pcm = clips.SelectMany(c => StreamedAudio.Read(c, manifest.SampleRate, manifest.Frame)).ToArray();
        CompiledModel model = CommandSupport.Compile(o, info, Path.Combine(workFolder.Path, PrecisionJson.FileName));
        PrecisionLines.Summary(model, info);
        using IDisposable listing = workFolder.Reset();
        string work = workFolder.Path;
        PrecisionLines.Write(model, work);
        string pcmPath = Path.Combine(work, "input.pcm");
        var bytes = new byte[pcm.Length * 2];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(pcmPath, bytes);

        var rows = new List<PathMeasurement>();
        var loads = new List<MeasuredCoreLoad>();
        double frameSeconds = (double)manifest.Frame / manifest.SampleRate;
        foreach (BoardProfile board in boards)
        {
            string emitted = Path.Combine(work, board.Name, model.Program.Name);
            ModelReport report = GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Of(board), info, layoutBoard: board);
            ModelFolder folder = ModelFolder.Load(emitted, model.Program.Name);
            var light = new PathPlan(report.Light.MacsPerFrame, report.Light.ArenaBytes, report.Light.StateBytes, StepSummary.Of(model.Program.Light));
            var heavy = new PathPlan(report.Heavy.MacsPerFrame, report.Heavy.ArenaBytes, report.Heavy.StateBytes, StepSummary.Of(model.Program.Heavy));
            BoardBenchmark measured = BenchmarkCollector.MeasureBoard(board, folder, pcmPath, Path.Combine(work, board.Name, "build"), light, heavy, repo,
                layers: o.Layers);
            rows.AddRange(measured.Paths);
            loads.AddRange(MeasuredCoreLoad.Of(board, measured.Run.TraceOrThrow().Frames, frameSeconds, model.Program.ReplayFrames));
            info($"{board.Name}: measured");
        }

        var measurements = new BenchmarkMeasurements(model.Program.Name, model.Manifest.SampleRate, model.Manifest.Frame,
            (double)pcm.Length / model.Manifest.SampleRate, rows);
        string loadSection = MeasuredLoadSection.ToMarkdown(loads, 1000 * frameSeconds);
        CommandSupport.WriteFile(o.Out, "-o", _ =>
        {
            BenchmarkTable.Write(measurements, o.Out, json);
            File.AppendAllText(o.Out, loadSection);
        });
        Console.Write(BenchmarkTable.ToMarkdown(measurements) + loadSection);
        Console.WriteLine($"wrote {o.Out} and {json}");
        return 0;
    }
}
