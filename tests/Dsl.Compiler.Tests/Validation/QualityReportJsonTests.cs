using System.Text.Json;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>The --json quality report: its content (schema fields) and its atomic write.</summary>
public sealed class QualityReportJsonTests
{
    private static QualityReport Report(int qualityClips = 1)
    {
        var comparison = new TraceComparison(true, 10, 4, 2, null);
        var validation = new ClipValidation("/audio/a.wav", comparison, []);
        var quality = new ClipQuality("a.wav", 10, 21.5,
            [new LevelSnr(InputLevel.Quiet, 6, 3.25), new LevelSnr(InputLevel.Normal, 4, 24.0), new LevelSnr(InputLevel.Loud, 0, null)],
            [new TensorClamps("t1", "n1", 1000, 0, false, false), new TensorClamps("t2", "n2", 1000, 20, false, true), new TensorClamps("out", "dec", 100, 1, true, false)]);
        return new QualityReport("m", "host", "single", [validation], Enumerable.Repeat(quality, qualityClips).ToList(),
            "a.wav", [new LayerErrorProbe.LayerSnr("t2", 12.5, 0.01)]);
    }

    [Fact]
    public void The_report_holds_the_verdict_levels_clamps_and_warnings_per_clip()
    {
        using JsonDocument doc = JsonDocument.Parse(QualityReportJson.ToJson(Report()));
        JsonElement root = doc.RootElement;
        Assert.Equal(QualityReport.SchemaVersion, root.GetProperty("schema_version").GetInt32());
        Assert.True(root.GetProperty("bit_exact").GetBoolean());
        Assert.Equal(-40, root.GetProperty("level_rule").GetProperty("quiet_below_dbfs").GetDouble());
        JsonElement clip = Assert.Single(root.GetProperty("clips").EnumerateArray());
        Assert.Equal("a.wav", clip.GetProperty("clip").GetString());
        Assert.Equal(21.5, clip.GetProperty("snr_db").GetDouble());
        Assert.Equal(2, clip.GetProperty("replayed_frames").GetInt32());
        JsonElement levels = clip.GetProperty("levels");
        Assert.Equal(6, levels.GetProperty("quiet").GetProperty("frames").GetInt32());
        Assert.Equal(3.25, levels.GetProperty("quiet").GetProperty("snr_db").GetDouble());
        Assert.Equal(JsonValueKind.Null, levels.GetProperty("loud").GetProperty("snr_db").ValueKind);
        JsonElement[] clamps = clip.GetProperty("clamps").EnumerateArray().ToArray();
        Assert.Equal(["t1", "t2", "out"], clamps.Select(c => c.GetProperty("tensor").GetString()));
        Assert.Equal(20, clamps[1].GetProperty("clamped").GetInt64());
        Assert.Equal([false, true, true], clamps.Select(c => c.GetProperty("saturates").GetBoolean()));
        Assert.Equal(2, clip.GetProperty("warnings").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, clip.GetProperty("two_cores").ValueKind);
        Assert.Equal("t2", root.GetProperty("worst_tensors").GetProperty("tensors")[0].GetProperty("tensor").GetString());
    }

    [Fact]
    public void A_report_that_cannot_be_written_whole_leaves_the_previous_file_and_no_temporary()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-json-").FullName;
        string path = Path.Combine(dir, "q.json");
        File.WriteAllText(path, "previous");
        Assert.Throws<ArgumentException>(() => QualityReportJson.Write(Report(qualityClips: 2), path));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir));

        QualityReportJson.Write(Report(), path);
        Assert.StartsWith("{", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void A_folder_in_the_way_is_an_io_error_naming_the_option()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-json-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "q.json"));
        var e = Assert.Throws<DslException>(() => QualityReportJson.Write(Report(), Path.Combine(dir, "q.json")));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Contains("--json", e.Message);
        Assert.Single(Directory.GetFileSystemEntries(dir));
    }
}
