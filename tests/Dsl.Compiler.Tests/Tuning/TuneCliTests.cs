using System.Text.Json;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>
/// dslc tune end to end on copies of the tiny fixture: pareto.json / .csv are written (one row per point, the front
/// marked, identical bytes for identical input); --budget rewrites only the routing fields of dsl.json with a point
/// within the budget, a regenerate gives exactly the chosen int8 threshold and hold, and the host validate is
/// bit-exact; an impossible budget exits with the usage code, one error line, and writes nothing.
/// </summary>
public sealed partial class TuneCliTests
{
    private static string OutDir() => Path.Combine(Directory.CreateTempSubdirectory("dslc-tune-out-").FullName, "out");

    [GeneratedRegex(@"--budget 4M/s: threshold (?<t>\S+) \(int8 (?<q>-?\d+)\), hold (?<h>\d+), replay (?<p>\w+), [^,]+, (?<ips>[\d.]+)M instr/s")]
    private static partial Regex ChosenLine();

    [Fact]
    public void Tune_writes_the_pareto_files_deterministically()
    {
        string copy = TinyFixtureCopy.Make();
        string a = OutDir(), b = OutDir();
        DslcProcess.Result ra = DslcProcess.Run("tune", "-m", copy, "-o", a, "-q");
        Assert.True(ra.Code == 0, ra.StdErr);
        DslcProcess.Result rb = DslcProcess.Run("tune", "-m", copy, "-o", b, "-q");
        Assert.True(rb.Code == 0, rb.StdErr);
        foreach (string file in new[] { "pareto.json", "pareto.csv", "pareto.svg" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }

        Assert.Contains("Pareto front on stm32h747i-disco", ra.StdOut);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "pareto.json")));
        JsonElement points = json.RootElement.GetProperty("points");
        string[] csv = File.ReadAllLines(Path.Combine(a, "pareto.csv"));
        Assert.Equal(points.GetArrayLength(), csv.Length - 1);
        Assert.StartsWith("threshold_q,threshold,hold,replay,replay_frames,exact,", csv[0]);
        int front = points.EnumerateArray().Count(p => p.GetProperty("on_front").GetBoolean());
        Assert.InRange(front, 2, points.GetArrayLength() - 1);
        Assert.Equal(front, csv.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal)));
        Assert.Contains(points.EnumerateArray(), p => !p.GetProperty("exact").GetBoolean()); // bounded replay points (K < R)
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("always_heavy").GetProperty("snr_vs_heavy_db").ValueKind);
        // The plot: an SVG that marks dsl.json's current setting.
        var svg = System.Xml.Linq.XDocument.Load(Path.Combine(a, "pareto.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("current (dsl.json)", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_rewrites_only_the_routing_fields_and_the_regenerated_model_is_bit_exact()
    {
        string copy = TinyFixtureCopy.Make();
        byte[] before = File.ReadAllBytes(copy);
        DslcProcess.Result r = DslcProcess.Run("tune", "-m", copy, "-o", OutDir(), "--holds", "0..4", "--replay-sweep", "none", "--budget", "4M/s", "-q");
        Assert.True(r.Code == 0, r.StdErr);
        Match chosen = ChosenLine().Match(r.StdOut);
        Assert.True(chosen.Success, r.StdOut);
        int q = int.Parse(chosen.Groups["q"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int hold = int.Parse(chosen.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(double.Parse(chosen.Groups["ips"].Value, System.Globalization.CultureInfo.InvariantCulture) <= 4.0);
        Assert.Contains("switch.threshold 0.2909 -> ", r.StdOut);

        DslManifest old = DslManifestLoader.Parse(copy, before), updated = DslManifestLoader.Load(copy);
        Assert.Equal(old with { Threshold = updated.Threshold, Hold = updated.Hold, Replay = updated.Replay }, updated, new ManifestComparer());
        Assert.Equal(hold, updated.Hold);

        CompiledModel regenerated = ModelCompiler.Compile(copy, new CompileOptions());
        Assert.Equal(q, regenerated.Program.SwitchThreshold);
        Assert.Equal(hold, regenerated.Program.HoldFrames);

        DslcProcess.Result v = DslcProcess.Run("validate", "-m", copy, "--work", OutDir(), "-q");
        Assert.True(v.Code == 0, v.StdOut + v.StdErr);
    }

    [Fact]
    public void An_impossible_budget_exits_with_the_usage_code_and_writes_nothing()
    {
        string copy = TinyFixtureCopy.Make();
        byte[] before = File.ReadAllBytes(copy);
        string[] files = Directory.GetFiles(Path.GetDirectoryName(copy)!, "*", SearchOption.AllDirectories);
        string outDir = OutDir();
        // Both cores' sleep power alone is above 1 mW on this board.
        DslcProcess.Result r = DslcProcess.Run("tune", "-m", copy, "-o", outDir, "--replay-sweep", "none", "--budget", "1mW", "-q");
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        string error = Assert.Single(r.StdErr.Split('\n'), l => l.StartsWith("dslc: error:", StringComparison.Ordinal));
        Assert.Contains("--budget 1mW: no routing point is within it", error);
        Assert.Equal(before, File.ReadAllBytes(copy));
        Assert.Equal(files, Directory.GetFiles(Path.GetDirectoryName(copy)!, "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_output_folder_that_holds_the_model_is_refused_before_any_work()
    {
        string copy = TinyFixtureCopy.Make();
        string folder = Path.GetDirectoryName(copy)!;
        byte[] before = File.ReadAllBytes(copy);
        DslcProcess.Result r = DslcProcess.Run("tune", "-m", copy, "-o", folder, "--budget", "4M/s", "-q");
        Assert.Equal((int)DslErrorCode.Io, r.Code);
        Assert.Contains("-o", r.StdErr);
        Assert.Equal(before, File.ReadAllBytes(copy));
        Assert.False(File.Exists(Path.Combine(folder, "pareto.json")));
    }

    /// <summary>Manifests equal field by field, lists by content.</summary>
    private sealed class ManifestComparer : IEqualityComparer<DslManifest>
    {
        public bool Equals(DslManifest? x, DslManifest? y) =>
            x is not null && y is not null
            && JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

        public int GetHashCode(DslManifest obj) => 0;
    }
}
