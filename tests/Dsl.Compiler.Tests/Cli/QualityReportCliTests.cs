using System.Text.Json;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// The quality report as users get it: validate's per-level SNR line and <c>--json</c> file, the saturation warning
/// of validate and run on a clip 18 dB louder than the tiny model's calibration audio (and none on its own test
/// clip), no report from a run that fails, and never a report over an input.
/// </summary>
public sealed class QualityReportCliTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("dslc-quality-").FullName;

    /// <summary>The tiny model's test clip, 8 times louder (clipped at int16).</summary>
    private static string LoudClip(string dir)
    {
        short[] pcm = WavFile.ReadMono16(Fixtures.TinyDslTestAudio, 16000);
        string path = Path.Combine(dir, "loud.wav");
        WavFile.WriteMono16(path, pcm.Select(s => (short)Math.Clamp(s * 8, short.MinValue, short.MaxValue)).ToArray(), 16000);
        return path;
    }

    [Fact]
    public void Validate_prints_snr_by_level_warns_on_a_saturating_clip_and_writes_the_json_report()
    {
        string dir = TempDir();
        string json = Path.Combine(dir, "report", "quality.json");
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", Fixtures.TinyDsl, "-a", $"{Fixtures.TinyDslTestAudio},{LoudClip(dir)}",
            "--work", Path.Combine(dir, "work"), "--json", json, "--layers", "-q");
        Assert.True(r.Code == 0, r.StdOut + r.StdErr);
        Assert.Contains("tensors by int vs float SNR, worst first (synth.wav):", r.StdOut);
        Assert.Matches(@"int vs float, always-heavy output: SNR -?\d+\.\d dB \(synth\.wav\); by input level: quiet \(< -40 dBFS\)", r.StdOut);
        Assert.Matches(@"dslc: warning: loud\.wav: tensor '[^']+' saturates: \d+ of \d+ values", r.StdErr);
        Assert.DoesNotContain("warning: synth.wav", r.StdErr);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement[] clips = doc.RootElement.GetProperty("clips").EnumerateArray().ToArray();
        Assert.Equal(["synth.wav", "loud.wav"], clips.Select(c => c.GetProperty("clip").GetString()));
        foreach (JsonElement clip in clips)
        {
            Assert.True(clip.GetProperty("bit_exact").GetBoolean());
            int perLevel = clip.GetProperty("levels").EnumerateObject().Sum(l => l.Value.GetProperty("frames").GetInt32());
            Assert.Equal(clip.GetProperty("frames").GetInt32(), perLevel);
        }

        Assert.Equal("single", doc.RootElement.GetProperty("rounding").GetString());
        double[] worst = doc.RootElement.GetProperty("worst_tensors").GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("snr_db").GetDouble()).ToArray();
        Assert.True(worst.Length > 3, "every tensor of the tiny model");
        Assert.Equal(worst.Order(), worst);
        Assert.Empty(clips[0].GetProperty("warnings").EnumerateArray());
        Assert.Contains(clips[1].GetProperty("clamps").EnumerateArray(), c => c.GetProperty("saturates").GetBoolean());
        Assert.Equal([], Directory.GetFiles(Path.GetDirectoryName(json)!).Where(f => f != json));
    }

    [Fact]
    public void A_validate_run_that_fails_writes_no_report_and_keeps_the_previous_one()
    {
        string dir = TempDir();
        string json = Path.Combine(dir, "quality.json");
        File.WriteAllText(json, "previous");
        // The C to validate is missing: the run fails after the quality measurement, before the report.
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", Fixtures.TinyDsl, "--emitted", Path.Combine(dir, "missing"),
            "--work", Path.Combine(dir, "work"), "--json", json, "-q");
        Assert.Equal((int)DslErrorCode.Io, r.Code);
        Assert.Equal("previous", File.ReadAllText(json));
        Assert.Equal([json], Directory.GetFiles(dir));
    }

    [Fact]
    public void The_json_report_never_overwrites_an_input()
    {
        string dir = TempDir();
        string manifest = Path.Combine(dir, "tiny");
        Directory.CreateDirectory(manifest);
        foreach (string f in Directory.GetFiles(Path.GetDirectoryName(Fixtures.TinyDsl)!))
        {
            File.Copy(f, Path.Combine(manifest, Path.GetFileName(f)));
        }

        CopyFolder(Path.Combine(Path.GetDirectoryName(Fixtures.TinyDsl)!, "calibration"), Path.Combine(manifest, "calibration"));
        CopyFolder(Path.Combine(Path.GetDirectoryName(Fixtures.TinyDsl)!, "test"), Path.Combine(manifest, "test"));
        string dsl = Path.Combine(manifest, "dsl.json");
        string before = File.ReadAllText(dsl);
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", manifest, "--work", Path.Combine(dir, "work"), "--json", dsl, "-q");
        Assert.Equal((int)DslErrorCode.Io, r.Code);
        Assert.Contains("--json", r.StdErr);
        Assert.Equal(before, File.ReadAllText(dsl));

        string work = Path.Combine(dir, "work");
        DslcProcess.Result inWork = DslcProcess.Run("validate", "-m", manifest, "--work", work, "--json", Path.Combine(work, "q.json"), "-q");
        Assert.Equal((int)DslErrorCode.Io, inWork.Code);
        Assert.Contains("inside the --work folder", inWork.StdErr);
    }

    [Fact]
    public void Run_reports_clamps_and_warns_only_on_the_saturating_clip()
    {
        string dir = TempDir();
        DslcProcess.Result loud = DslcProcess.Run("run", "-m", Fixtures.TinyDsl, "-a", LoudClip(dir), "-o", Path.Combine(dir, "loud_out.wav"), "-q");
        Assert.True(loud.Code == 0, loud.StdErr);
        Assert.Matches(@"loud\.wav: clamped at the calibrated range: ", loud.StdOut);
        Assert.Matches(@"dslc: warning: loud\.wav: tensor '[^']+' saturates", loud.StdErr);

        DslcProcess.Result quiet = DslcProcess.Run("run", "-m", Fixtures.TinyDsl, "-a", Fixtures.TinyDslTestAudio, "-o", Path.Combine(dir, "out.wav"), "-q");
        Assert.True(quiet.Code == 0, quiet.StdErr);
        Assert.DoesNotContain("dslc: warning:", quiet.StdErr);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}
