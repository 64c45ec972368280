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
using Dsl.Compiler.Tuning;

namespace Dsl.Cli.Commands;

/// <summary>
/// dslc tune (docs/tuning.md): the routing sweep over the model's calibration and test audio, pareto.json / .csv, a
/// table of the front; with --budget the best point within it written into dsl.json (threshold, hold, policy), checked
/// first to compile back to the chosen int8 threshold. A budget no point meets writes nothing.
/// </summary>
public static class TuneCommand
{
    /// <summary>Front rows printed at most (all are in pareto.csv).</summary>
    private const int PrintedRows = 24;

    public static int Run(TuneOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        TuneBudget? budget = o.Budget is null ? null : TuneBudget.Parse(o.Budget);
        IReadOnlyList<int> holds = SweepGrid.ParseHolds(o.Holds);
        BoardProfile board = CommandSupport.Board(o.Board ?? TuneOptions.DefaultBoard);
        budget?.Check(board);
        string manifestPath = CommandSupport.ManifestPath(o.Model);
        DslManifest manifest = CommandSupport.Manifest(o.Model);
        ClassHeadLimits.CheckTune(manifest);
        OutputFolder output = OutputFolder.Claim(o.Out ?? Path.Combine("out", "tune", manifest.CName, board.Name),
            CommandSupport.Inputs(o, manifest, board.FilePath), "-o", o.Force);

        CompiledModel model = CommandSupport.Compile(o, info);
        int r = model.Program.ReceptiveFrames;
        var grid = new SweepGrid(holds, o.ReplaySweep is null ? SweepGrid.DefaultReplays(r) : SweepGrid.ParseReplays(o.ReplaySweep, r));
        var lsd = new LogSpectralDistance(manifest.Frame);
        // One golden model per clip: independent runs, in parallel, kept in order.
        var clips = Audio(o, manifest)
            .Select(f => (Name: Path.GetFileName(f), Pcm: StreamedAudio.Read(f, manifest.SampleRate, manifest.Frame)))
            .ToList()
            .AsParallel().AsOrdered()
            .Select(c => TuneClip.Of(model.Program, c.Name, c.Pcm, lsd))
            .ToList();
        if (clips.Count == 0)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: no audio to tune on: list WAVs under 'calibration' or 'test'");
        }

        info($"tune: {clips.Count} clip(s) run once through the golden model (light, switch score, always-heavy)");
        QuantParams score = model.Quantization.Of(model.Graph.OutputTensor(manifest.SwitchOutput));
        var costs = new BoardCosts(board, model.Program, KernelCostTable.Shipped());
        TuneResult result = TuneSweep.Run(model.Program, score, new RoutingSweep(model.Program, clips, lsd), grid, costs, info);
        result = result with { Current = result.Current with { Threshold = manifest.Threshold } };

        // Everything --budget needs is decided before anything is written: an impossible budget leaves no file behind.
        Chosen? chosen = budget is null ? null : Choose(model, manifestPath, result, budget);

        string staging = output.NewStaging();
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, ParetoFiles.JsonName), ParetoFiles.ToJson(result));
            File.WriteAllText(Path.Combine(staging, ParetoFiles.CsvName), ParetoFiles.ToCsv(result));
            ParetoChart.Write(Path.Combine(staging, ParetoChart.FileName), result, chosen?.Point);
            output.ReplaceWith(staging);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        PrintFront(result);
        Console.WriteLine($"wrote {ParetoFiles.JsonName}, {ParetoFiles.CsvName} and {ParetoChart.FileName} ({result.Points.Count} points, {result.Front.Count()} on the front) into {output.Path}");
        if (chosen is not null)
        {
            RoutingSettingsFile.WriteAtomically(manifestPath, chosen.Bytes);
            Console.WriteLine(Invariant($"--budget {budget!.Text}: {Describe(chosen.Point)}: {budget.Format(budget.Measure(chosen.Point))}"));
            foreach (SettingChange c in chosen.Changes)
            {
                Console.WriteLine(c.Old == c.New ? $"{manifestPath}: {c.Field} {c.New} (unchanged)" : $"{manifestPath}: {c.Field} {c.Old ?? "(absent)"} -> {c.New}");
            }
        }

        return 0;
    }

    /// <summary>The calibration audio (or --calibration) and the test audio, each file once.</summary>
    private static IReadOnlyList<string> Audio(TuneOptions o, DslManifest manifest)
    {
        IEnumerable<string> calibration = o.Calibration.Any() ? o.Calibration : ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration");
        return calibration.Concat(ManifestFiles.Expand(manifest, manifest.TestPatterns, "test"))
            .DistinctBy(Path.GetFullPath, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Chosen(TunePoint Point, byte[] Bytes, IReadOnlyList<SettingChange> Changes);

    /// <summary>The best point within the budget whose threshold dsl.json can hold: the new file's bytes are parsed
    /// and the program rebuilt from them must give the point's int8 threshold with the same score parameters.</summary>
    private static Chosen Choose(CompiledModel model, string manifestPath, TuneResult result, TuneBudget budget)
    {
        IReadOnlyList<TunePoint> ranked = BudgetChoice.Ranked(result.Points, budget);
        if (ranked.Count == 0)
        {
            TunePoint least = result.Points.Where(p => p.Setting.Exact).MinBy(budget.Measure)!;
            throw new DslException(DslErrorCode.Usage, $"--budget {budget.Text}: no routing point is within it; the least is {budget.Format(budget.Measure(least))} ({Describe(least)}); nothing was written");
        }

        byte[] original = File.ReadAllBytes(manifestPath);
        QuantParams score = model.Quantization.Of(model.Graph.OutputTensor(model.Manifest.SwitchOutput));
        var unwritable = new HashSet<int>();
        foreach (TunePoint p in ranked)
        {
            if (unwritable.Contains(p.Setting.ThresholdQ))
            {
                continue;
            }

            foreach (float t in ThresholdValue.Candidates(score, p.Setting.ThresholdQ))
            {
                (byte[] bytes, IReadOnlyList<SettingChange> changes) = RoutingSettingsFile.Compose(manifestPath, original, t, p.Setting.Hold, p.Setting.Policy,
                    p.Setting.ReplayFrames, model.Program.ReceptiveFrames);
                DslManifest candidate = DslManifestLoader.Parse(model.Manifest.Path, bytes);
                if (ThresholdValue.CompilesTo(model, candidate, p.Setting.ThresholdQ))
                {
                    return new Chosen(p with { Threshold = t }, bytes, changes);
                }
            }

            unwritable.Add(p.Setting.ThresholdQ);
        }

        throw new DslException(DslErrorCode.Usage, $"--budget {budget.Text}: the points within it need int8 thresholds ({string.Join(", ", unwritable.Order())}) that no dsl.json threshold gives without changing the switch score's calibrated range; nothing was written");
    }

    private static string Describe(TunePoint p)
    {
        RoutingSetting s = p.Setting;
        string threshold = float.IsFinite(p.Threshold) ? p.Threshold.ToString("R", CultureInfo.InvariantCulture) : "-";
        return Invariant($"threshold {threshold} (int8 {s.ThresholdQ}), hold {s.Hold}, replay {s.PolicyName}{(s.Exact ? "" : $" K = {s.ReplayFrames}")}, {p.HeavyShare:P1} heavy, {p.Load.HeavyInstructionsPerSecond / 1e6:F2}M instr/s, SNR vs always-heavy {Snr(p)}");
    }

    private static string Snr(TunePoint p) => p.Quality.IdenticalToHeavy ? "identical" : Invariant($"{p.Quality.SnrVsHeavyDb:F2} dB");

    private static void PrintFront(TuneResult result)
    {
        List<TunePoint> front = result.Front.OrderBy(p => p.Load.HeavyInstructionsPerSecond).ToList();
        List<TunePoint> shown = front.Count <= PrintedRows ? front
            : Enumerable.Range(0, PrintedRows).Select(i => front[(int)Math.Round((double)i * (front.Count - 1) / (PrintedRows - 1))]).Distinct().ToList();
        Console.WriteLine(Invariant($"Pareto front on {result.Board} ({result.HeavyCore}, {result.Variant} kernels), {result.Frames} frames, R = {result.ReceptiveField}{(shown.Count < front.Count ? $"; {shown.Count} of {front.Count} front points" : "")}:"));
        Console.WriteLine("  thr_q  threshold  hold  replay    K  heavy%  calls/fr  Minstr/s  core%      mW  SNR_vs_heavy  LSD_vs_heavy  SNR_vs_in  LSD_vs_in");
        foreach (TunePoint p in shown)
        {
            Console.WriteLine(Row(p));
        }

        Console.WriteLine("always-heavy:");
        Console.WriteLine(Row(result.AlwaysHeavy, reference: true));
        Console.WriteLine("light only:");
        Console.WriteLine(Row(result.LightOnly, reference: true));
        TunePoint c = result.Current;
        TunePoint? best = result.Front.Where(p => p.Load.HeavyInstructionsPerSecond <= c.Load.HeavyInstructionsPerSecond)
            .MaxBy(p => p.Quality.SnrVsHeavyDb);
        Console.WriteLine("current (dsl.json):");
        Console.WriteLine(Row(c));
        Console.WriteLine(best is null ? "  no front point at or below its load"
            : c.OnFront || (best.Quality.SnrVsHeavyDb <= c.Quality.SnrVsHeavyDb) ? "  on the front"
            : Invariant($"  the front at or below its load: {Describe(best)}"));
    }

    /// <param name="reference">Always-heavy or light only: no routing setting to show.</param>
    private static string Row(TunePoint p, bool reference = false)
    {
        RoutingSetting s = p.Setting;
        string threshold = float.IsFinite(p.Threshold) ? p.Threshold.ToString("G5", CultureInfo.InvariantCulture) : "-";
        string setting = reference ? Invariant($"  {"-",5}  {"-",9}  {"-",4}  {"-",6}  {"-",3}")
            : Invariant($"  {s.ThresholdQ,5}  {threshold,9}  {s.Hold,4}  {s.PolicyName,6}  {s.ReplayFrames,3}");
        string mw = p.Load.RoutedMilliwatts is { } m ? m.ToString("F1", CultureInfo.InvariantCulture) : "-";
        string snr = p.Quality.IdenticalToHeavy ? "identical" : p.Quality.SnrVsHeavyDb.ToString("F2", CultureInfo.InvariantCulture);
        return setting + Invariant($"  {100 * p.HeavyShare,6:F1}  {p.HeavyCallsPerFrame,8:F3}  {p.Load.HeavyInstructionsPerSecond / 1e6,8:F2}  {p.Load.HeavyCorePercent,5:F1}  {mw,6}  {snr,12}  {p.Quality.LsdVsHeavyDb,12:F2}  {p.Quality.SnrVsInputDb,9:F2}  {p.Quality.LsdVsInputDb,9:F2}");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
