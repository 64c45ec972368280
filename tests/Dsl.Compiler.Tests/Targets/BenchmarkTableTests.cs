using System.Text.Json;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Targets;

public class BenchmarkTableTests
{
    private static BenchmarkMeasurements Sample() => new("dsl_ref", 16000, 320, 30.0,
    [
        new PathMeasurement("mps2-an386", "m4", "heavy", 25_000_000, 300, 250_000, 400_000, 100_000, 9000, 150_000, 100, 20_000, 8_000),
        new PathMeasurement("mps2-an386", "m4", "light", 25_000_000, 1500, 50_000, 52_000, 20_000, 4000, 30_000, 50, 4_000, 2_000),
        new PathMeasurement("mps3-an547", "m55", "light", 32_000_000, 1500, 30_000, 31_000, 0, 4000, 30_000, 50, 4_000, 2_000),
    ]);

    [Fact]
    public void Load_is_instructions_times_frame_rate_over_clock()
    {
        var m = Sample();
        Assert.Equal(50.0, m.FramesPerSecond);
        Assert.Equal(10.0, BenchmarkTable.LoadPercent(m, m.Paths[1]), 9);   // 50k * 50 / 25M
        Assert.Equal(80.0, BenchmarkTable.LoadPercent(m, m.Paths[0], peak: true), 9);
        Assert.Equal(2.5, BenchmarkTable.InstructionsPerMac(m.Paths[0]));
        Assert.Null(BenchmarkTable.InstructionsPerMac(m.Paths[2]));
    }

    [Fact]
    public void Markdown_is_labelled_and_ordered()
    {
        var md = BenchmarkTable.ToMarkdown(Sample());
        Assert.Contains("Instruction-count estimate", md);
        Assert.Contains("one instruction per cycle", md);
        Assert.Contains("| mps2-an386 | m4 | light | 25 | 1500 | 50000 | 52000 | 2.50 | 4000 | 30000 | 50 | 4000 | 2000 | 10.0 % | 10.4 % |", md);
        Assert.True(md.IndexOf("| m4 | light", StringComparison.Ordinal) < md.IndexOf("| m4 | heavy", StringComparison.Ordinal));
        Assert.Contains("| mps3-an547 | m55 | light | 32 | 1500 | 30000 | 31000 | - |", md);
        Assert.Equal(md, BenchmarkTable.ToMarkdown(Sample()));
    }

    [Fact]
    public void Build_only_rows_show_sizes_without_counts()
    {
        var m = Sample() with
        {
            Paths = [new PathMeasurement("nrf5340-dk", "net", "light", 64_000_000, 0, 0, 0, 20_000, 3000, 20000, 40, 4000, 2000)],
        };
        Assert.Contains("| nrf5340-dk | net | light | 64 | 0 | - | - | - | 3000 | 20000 | 40 | 4000 | 2000 | - | - |", BenchmarkTable.ToMarkdown(m));
        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(m));
        var row = doc.RootElement.GetProperty("paths")[0];
        Assert.False(row.GetProperty("measured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("estimated_load_mean_percent").ValueKind);
    }

    [Fact]
    public void Json_has_every_column()
    {
        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(Sample()));
        var root = doc.RootElement;
        Assert.Equal("dsl_ref", root.GetProperty("model").GetString());
        Assert.Contains("estimate", root.GetProperty("note").GetString());
        var first = root.GetProperty("paths")[0];
        Assert.Equal("light", first.GetProperty("path").GetString());
        Assert.Equal(10.0, first.GetProperty("estimated_load_mean_percent").GetDouble());
        Assert.Equal(30000, first.GetProperty("rodata_bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("paths")[2].GetProperty("instructions_per_mac").ValueKind);
    }

    [Fact]
    public void Routed_heavy_work_is_compared_with_one_call_every_frame()
    {
        // 300 of 1500 frames heavy at 250,000 (replay included): 50,000 per frame over all frames; one call costs
        // 200,000, so always-heavy costs 200,000 per frame and routing 0.25 of it.
        var m = Sample() with { Paths = [Sample().Paths[0] with { CallFrames = 200, MeanInstructionsPerCall = 200_000 }, Sample().Paths[1]] };

        Assert.Equal(50_000, BenchmarkTable.RoutedHeavyPerFrame(m, m.Paths[0])!.Value, 9);
        Assert.Contains("| mps2-an386 | m4 | 200 | 200000 | 2.00 | 50000 | 200000 | 0.250 |", BenchmarkTable.ToMarkdown(m));
        using var doc = JsonDocument.Parse(BenchmarkTable.ToJson(m));
        var heavy = doc.RootElement.GetProperty("paths").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "heavy");
        Assert.Equal(50_000, heavy.GetProperty("routed_instructions_per_frame_all_frames").GetDouble());
    }

    [Fact]
    public void Stats_from_trace_use_heavy_frames_only_for_heavy()
    {
        var t = new TraceFile(1, 0,
        [
            FrameRecord.Routed(0, 0, 0, 10, 0, [0], [], [0]),
            FrameRecord.Routed(1, 1, 0, 20, 300, [0], [], [0]),
            FrameRecord.Routed(1, 0, 0, 30, 100, [0], [], [0]),
        ]);
        Assert.Equal(new InstructionStats(3, 20, 30), InstructionStats.Light(t));
        Assert.Equal(new InstructionStats(2, 200, 300), InstructionStats.Heavy(t));
    }
}
