using System.Text.Json;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// A classifier head from the command line (docs/classifier-heads.md): validate prints label metrics instead of an SNR
/// and --report / --json carry them; run writes the per-frame scores CSV, the same from the golden model and the C;
/// tune and a target SNR are refused with one line and write nothing.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ClassHeadCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dslc-class-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Validate_prints_classification_metrics_and_the_report_and_json_carry_them()
    {
        string report = Path.Combine(dir, "results.json"), quality = Path.Combine(dir, "quality.json");
        (int code, string output, string error) = CliRun.Dslc(["validate", "-m", Fixtures.TinyGc8k, "--report", report, "--json", quality, "-q"]);
        Assert.True(code == 0, error + output);
        Assert.Contains("classes, synth.wav: 750 frames, routed label agreement int vs float ", output);
        Assert.Matches(@"gated \d+\.\d % \(float \d+\.\d %\); max score error \d+\.\d\d quantization steps", output);
        Assert.DoesNotContain("SNR", output);
        Assert.Contains("bit-exact on host", output);
        Assert.Contains("routed label agreement int vs float", File.ReadAllText(report));
        using JsonDocument q = JsonDocument.Parse(File.ReadAllText(quality));
        JsonElement clip = q.RootElement.GetProperty("clips")[0];
        Assert.Equal(JsonValueKind.Null, clip.GetProperty("snr_db").ValueKind);
        JsonElement c = clip.GetProperty("classification");
        Assert.InRange(c.GetProperty("label_agreement").GetDouble(), 0.0, 1.0);
        Assert.InRange(c.GetProperty("gated_rate").GetDouble(), 0.01, 0.99);
        Assert.True(c.GetProperty("max_score_error_steps").GetDouble() >= 0.5);
    }

    [Fact]
    public void Run_writes_a_scores_csv_the_same_from_the_golden_model_and_the_c()
    {
        string wav = Path.Combine(Path.GetDirectoryName(Fixtures.TinyGc)!, "test", "synth.wav");
        var csv = new Dictionary<string, string[]>();
        foreach (string engine in new[] { "int8", "c-host", "float" })
        {
            string path = Path.Combine(dir, engine + ".csv");
            (int code, _, string error) = CliRun.Dslc(["run", "-m", Fixtures.TinyGc, "-a", wav, "-o", path, "-e", engine, "-q"]);
            Assert.True(code == 0, error);
            csv[engine] = File.ReadAllLines(path);
        }

        Assert.Equal(csv["int8"], csv["c-host"]);
        foreach (string[] lines in csv.Values)
        {
            Assert.Equal("frame,time,gated,label,background,yes,no,up,down", lines[0]);
            Assert.Equal(751, lines.Length); // 1.5 s at 16 kHz, 32-sample frames
        }

        string[][] rows = csv["int8"].Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["1", "0.002", "0"], rows[1][..3]);
        Assert.Contains(rows, r => r[2] == "1");
        Assert.All(rows.Where(r => r[2] == "1"), r => Assert.Equal(["background", "127", "-128", "-128", "-128", "-128"], r[3..]));
        // heavy frames: the label is the argmax of the scores (the first of equal maxima)
        foreach (string[] r in rows.Where(r => r[2] == "0"))
        {
            int[] scores = r[4..].Select(int.Parse).ToArray();
            Assert.Equal(new[] { "background", "yes", "no", "up", "down" }[Array.IndexOf(scores, scores.Max())], r[3]);
        }

        // more than one label occurs on heavy frames: the fixture's labels follow the audio
        Assert.True(rows.Where(r => r[2] == "0").Select(r => r[3]).Distinct().Count() >= 3);
        // the float reference leaves a gated frame's scores empty
        Assert.Contains(csv["float"], l => l.EndsWith(",1,background,,,,,", StringComparison.Ordinal));
    }

    [Fact]
    public void Tune_and_a_target_snr_are_refused()
    {
        (int code, _, string error) = CliRun.Dslc(["tune", "-m", Fixtures.TinyGc, "-q"]);
        Assert.Equal((int)DslErrorCode.Usage, code);
        Assert.Contains("classifier head", error);
        string outDir = Path.Combine(dir, "out");
        (code, _, error) = CliRun.Dslc(["generate", "-m", Fixtures.TinyGc, "--target-snr", "30", "-o", outDir, "-q"]);
        Assert.Equal((int)DslErrorCode.Usage, code);
        Assert.Contains("--target-snr 30 dB", error);
        Assert.False(Directory.Exists(outDir));
    }
}
