using Dsl.Compiler.Boards;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

public sealed class BenchmarkCollectorTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;

    public BenchmarkCollectorTests()
    {
        model = FakeModel.CopyToTemp(out temp);
    }

    public void Dispose() => Directory.Delete(temp, true);

    [Fact]
    public void Plan_reads_arena_and_state_from_the_header()
    {
        Assert.Equal(new PathPlan(5, 0, 8), PathPlan.FromHeader(model, "light", 5));
        Assert.Equal(new PathPlan(0, 0, 12), PathPlan.FromHeader(model, "heavy"));
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Fake_model_benchmark_on_an386()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", QemuRunner.Executable))
        {
            return;
        }

        var pcm = Path.Combine(temp, "in.pcm");
        FakeModel.WritePcm(pcm, FakeModel.Audio(40));
        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var bench = BenchmarkCollector.MeasureBoard(board, model, pcm, Path.Combine(temp, "bench"),
            PathPlan.FromHeader(model, "light", 160), PathPlan.FromHeader(model, "heavy", 160), FakeModel.Repo);
        var light = bench.Paths.Single(p => p.Path == "light");
        var heavy = bench.Paths.Single(p => p.Path == "heavy");
        Assert.Equal(40, light.Frames);
        Assert.True(heavy.Frames is > 0 and < 40);
        Assert.True(light.MeanInstructions > 100);
        Assert.True(light.TextBytes > 0);
        Assert.True(heavy.TextBytes > 0);
        Assert.Equal(8, light.StateBytes);
        var md = BenchmarkTable.ToMarkdown(new BenchmarkMeasurements("fake", 16000, 160, 0.4, bench.Paths));
        Assert.Contains("| mps2-an386 | m4 | light | 25 | 40 |", md);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Build_only_board_gets_size_rows()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var board = BoardProfileLoader.Load("stm32h747i-disco", FakeModel.Repo.BoardsDir);
        var rows = BenchmarkCollector.SizeOnlyRows(board, model, Path.Combine(temp, "h7"),
            PathPlan.FromHeader(model, "light"), PathPlan.FromHeader(model, "heavy"), FakeModel.Repo);
        Assert.Equal(["m4", "m7"], rows.Select(r => r.Core));
        Assert.All(rows, r => Assert.True(r.TextBytes > 0 && r.Frames == 0));
    }
}
