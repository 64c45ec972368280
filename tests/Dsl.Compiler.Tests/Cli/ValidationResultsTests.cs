using System.Xml.Linq;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>Shards partition any clip list; results sort, round-trip through JSON and merge; JUnit marks failures.</summary>
public sealed class ValidationResultsTests
{
    private static ClipResult Result(string clip, string target, string? failure = null) =>
        new(clip, target, failure, 100, 37, [$"int vs float ... ({Path.GetFileName(clip)})"]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(2, 5)]
    [InlineData(10, 4)]
    public void Shards_partition_the_clips_in_path_order(int clips, int shards)
    {
        // Deliberately unsorted, with names whose ordinal order differs from their numbers'.
        string[] names = Enumerable.Range(0, clips).Select(i => $"clips/{(i * 7919) % 1000}.wav").Reverse().ToArray();
        var parts = Enumerable.Range(1, shards).Select(i => new ClipShard(i, shards).Select(names)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), parts.SelectMany(p => p).Order(StringComparer.Ordinal));
        string[] sorted = names.Order(StringComparer.Ordinal).ToArray();
        for (int k = 0; k < sorted.Length; k++)
        {
            Assert.Contains(sorted[k], parts[k % shards]);
        }
    }

    [Fact]
    public void Parse_reads_i_of_n()
    {
        Assert.Equal(new ClipShard(3, 4), ClipShard.Parse("3/4", "--shard"));
        Assert.Equal(DslErrorCode.Usage, Assert.Throws<DslException>(() => ClipShard.Parse("4/3", "--shard")).Code);
    }

    [Fact]
    public void Json_round_trips_and_lists_results_by_clip_then_target()
    {
        var r = new ValidationResults("m", "tflite", [Result("b.wav", "host"), Result("a.wav", "mps2-an386", "frame 3: route 1 (golden 0)"), Result("a.wav", "host")]);
        Assert.Equal([("a.wav", "host"), ("a.wav", "mps2-an386"), ("b.wav", "host")], r.Results.Select(c => (c.Clip, c.Target)));
        string path = Path.Combine(Directory.CreateTempSubdirectory("dslc-results-").FullName, "r.json");
        ValidationResultsJson.Write(r, path, "--report");
        ValidationResults back = ValidationResultsJson.Read(path);
        Assert.False(back.BitExact);
        Assert.Equal(ValidationResultsJson.ToJson(r), ValidationResultsJson.ToJson(back));
    }

    [Fact]
    public void Merge_refuses_another_model_or_rounding()
    {
        var a = new ValidationResults("m", "single", [Result("a.wav", "host")]);
        var b = new ValidationResults("m", "tflite", [Result("b.wav", "host")]);
        DslException e = Assert.Throws<DslException>(() => ValidationResults.Merge([("a.json", a), ("b.json", b)]));
        Assert.Contains("b.json", e.Message);
        Assert.Equal(DslErrorCode.Usage, e.Code);
    }

    [Fact]
    public void Merge_keeps_the_same_clip_on_two_targets()
    {
        var host = new ValidationResults("m", "single", [Result("a.wav", "host")]);
        var board = new ValidationResults("m", "single", [Result("a.wav", "mps2-an386")]);
        Assert.Equal(2, ValidationResults.Merge([("h.json", host), ("b.json", board)]).Results.Count);
    }

    [Fact]
    public void Junit_has_a_case_per_clip_and_target_and_a_failure_with_the_message()
    {
        var r = new ValidationResults("m", "single", [Result("a.wav", "host"), Result("a.wav", "mps2-an386", "frame 3: route 1 (golden 0)")]);
        XDocument doc = XDocument.Parse(JUnitReport.ToXml(r));
        XElement[] cases = doc.Descendants("testcase").ToArray();
        Assert.Equal(["host", "mps2-an386"], cases.Select(c => c.Attribute("classname")!.Value));
        Assert.Empty(cases[0].Elements("failure"));
        Assert.Equal("frame 3: route 1 (golden 0)", cases[1].Element("failure")!.Attribute("message")!.Value);
        Assert.Equal("1", doc.Root!.Attribute("failures")!.Value);
        Assert.Equal("2", doc.Root!.Attribute("tests")!.Value);
    }

    [Fact]
    public void Read_refuses_a_file_that_is_not_results()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dslc-results-").FullName, "q.json");
        File.WriteAllText(path, "{\"schema\": \"dslc-quality-report\"}");
        DslException e = Assert.Throws<DslException>(() => ValidationResultsJson.Read(path));
        Assert.Contains("not a validate results file", e.Message);
    }
}
