using System.Text.Json;
using System.Xml.Linq;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// A CI matrix on the host: validate --shard 1/2 and 2/2 of a copy of the tiny fixture with four test clips
/// together run exactly the unsharded run's clips, once each, and merge-results of their --report files
/// equals the unsharded --report byte for byte; --junit has one test case per clip.
/// </summary>
public sealed class ShardCliTests
{
    /// <summary>A copy of tiny_dsl whose test/ holds its clip at four levels (so each clip's lines differ).</summary>
    private static string FixtureWithFourClips(string dir)
    {
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        string model = Path.Combine(dir, "tiny");
        Directory.CreateDirectory(Path.Combine(model, "calibration"));
        Directory.CreateDirectory(Path.Combine(model, "test"));
        foreach (string file in new[] { "dsl.json", "model.onnx", "calibration/synth.wav" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(model, file));
        }

        short[] pcm = WavFile.ReadMono16(Fixtures.TinyDslTestAudio, 16000);
        foreach ((string name, double gain) in new[] { ("d_full.wav", 1.0), ("a_half.wav", 0.5), ("c_quarter.wav", 0.25), ("b_loud.wav", 2.0) })
        {
            WavFile.WriteMono16(Path.Combine(model, "test", name), pcm.Select(s => (short)Math.Clamp(s * gain, short.MinValue, short.MaxValue)).ToArray(), 16000);
        }

        return model;
    }

    private static DslcProcess.Result Validate(string model, string dir, string name, params string[] more)
    {
        DslcProcess.Result r = DslcProcess.Run(["validate", "-m", model, "--work", Path.Combine(dir, "work-" + name), "-q",
            "--report", Path.Combine(dir, "results", name + ".json"), "--junit", Path.Combine(dir, "results", name + ".xml"), .. more]);
        Assert.True(r.Code == 0, r.StdOut + r.StdErr);
        return r;
    }

    private static string[] Clips(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.GetProperty("results").EnumerateArray().Select(c => c.GetProperty("clip").GetString()!).ToArray();
    }

    [Fact]
    public void Shards_cover_the_unsharded_clips_exactly_and_merge_into_its_report()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string model = FixtureWithFourClips(dir);
        string results = Path.Combine(dir, "results");
        Validate(model, dir, "all");
        Validate(model, dir, "s1", "--shard", "1/2");
        Validate(model, dir, "s2", "--shard", "2/2");

        string[] all = Clips(Path.Combine(results, "all.json"));
        string[] s1 = Clips(Path.Combine(results, "s1.json"));
        string[] s2 = Clips(Path.Combine(results, "s2.json"));
        Assert.Equal(4, all.Length);
        Assert.Equal(["a_half.wav", "c_quarter.wav"], s1.Select(Path.GetFileName)); // sorted by path, k mod 2 + 1
        Assert.Equal(["b_loud.wav", "d_full.wav"], s2.Select(Path.GetFileName));
        Assert.Equal(all.Order(StringComparer.Ordinal), s1.Concat(s2).Order(StringComparer.Ordinal));

        string merged = Path.Combine(results, "merged.json");
        DslcProcess.Result m = DslcProcess.Run("merge-results", Path.Combine(results, "s2.json"), Path.Combine(results, "s1.json"),
            "-o", merged, "--junit", Path.Combine(results, "merged.xml"), "-q");
        Assert.True(m.Code == 0, m.StdOut + m.StdErr);
        Assert.StartsWith("bit-exact: 4 clip x target results from 2 file(s) (host)", m.StdOut);
        Assert.Equal(File.ReadAllText(Path.Combine(results, "all.json")), File.ReadAllText(merged));
        Assert.Equal(File.ReadAllText(Path.Combine(results, "all.xml")), File.ReadAllText(Path.Combine(results, "merged.xml")));

        XElement[] cases = XDocument.Load(Path.Combine(results, "all.xml")).Descendants("testcase").ToArray();
        Assert.Equal(all, cases.Select(c => c.Attribute("name")!.Value));
        Assert.All(cases, c => Assert.Equal("host", c.Attribute("classname")!.Value));
        Assert.Empty(cases.Elements("failure"));
    }

    [Fact]
    public void Merging_a_clip_twice_names_both_files()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string model = FixtureWithFourClips(dir);
        Validate(model, dir, "s1", "--shard", "1/2");
        string s1 = Path.Combine(dir, "results", "s1.json");
        string copy = Path.Combine(dir, "results", "copy.json");
        File.Copy(s1, copy);
        DslcProcess.Result m = DslcProcess.Run("merge-results", s1, copy, "-o", Path.Combine(dir, "merged.json"));
        Assert.Equal((int)DslErrorCode.Usage, m.Code);
        Assert.Contains($"is in {s1} and {copy}", m.StdErr);
        Assert.False(File.Exists(Path.Combine(dir, "merged.json")));
    }

    [Fact]
    public void Shard_with_no_clips_passes_with_empty_results()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string model = FixtureWithFourClips(dir);
        DslcProcess.Result r = Validate(model, dir, "s5", "--shard", "5/5");
        Assert.Contains("shard 5/5: no clips (4 clip(s) in 5 shards)", r.StdOut);
        Assert.Empty(Clips(Path.Combine(dir, "results", "s5.json")));
        Assert.False(Directory.Exists(Path.Combine(dir, "work-s5")));
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    public void Bad_shard_is_a_usage_error_before_any_work(string shard)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string work = Path.Combine(dir, "work");
        DslcProcess.Result r = DslcProcess.Run("validate", "-m", Fixtures.TinyDsl, "--shard", shard, "--work", work, "-q");
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        Assert.Contains($"--shard {shard}: give i/n", r.StdErr);
        Assert.False(Directory.Exists(work));
    }

    [Fact]
    public void Bench_checks_its_shard_before_any_work()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string work = Path.Combine(dir, "work");
        DslcProcess.Result bad = DslcProcess.Run("bench", "-m", Fixtures.TinyDsl, "-b", "mps2-an386", "--shard", "2/1", "--work", work, "-o", Path.Combine(dir, "b.md"), "-q");
        Assert.Equal((int)DslErrorCode.Usage, bad.Code);
        Assert.Contains("--shard 2/1: give i/n", bad.StdErr);
        // tiny_dsl has one test clip: shard 2 of 2 is empty, which bench refuses (no benchmark of nothing)
        DslcProcess.Result empty = DslcProcess.Run("bench", "-m", Fixtures.TinyDsl, "-b", "mps2-an386", "--shard", "2/2", "--work", work, "-o", Path.Combine(dir, "b.md"), "-q");
        Assert.Equal((int)DslErrorCode.Usage, empty.Code);
        Assert.Contains("no clips in this shard", empty.StdErr);
        Assert.False(Directory.Exists(work));
    }

    [Theory]
    [InlineData("validate", "--report")]
    [InlineData("validate", "--junit")]
    [InlineData("bench", "-o")]
    public void Result_file_in_an_unwritable_folder_fails_before_any_work(string verb, string option)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-shard-").FullName;
        string blocker = Path.Combine(dir, "a-file");
        File.WriteAllText(blocker, "not a folder");
        string work = Path.Combine(dir, "work");
        string[] board = verb == "bench" ? ["-b", "mps2-an386"] : [];
        DslcProcess.Result r = DslcProcess.Run([verb, "-m", Fixtures.TinyDsl, .. board, "--work", work, option, Path.Combine(blocker, "sub", "result.out"), "-q"]);
        Assert.Equal((int)DslErrorCode.Io, r.Code);
        Assert.Contains("cannot be written", r.StdErr);
        Assert.Contains(option, r.StdErr);
        Assert.False(Directory.Exists(work));
    }
}
