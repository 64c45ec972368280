using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;

namespace Dsl.Compiler.Tests.Targets;

public class FitCheckTests
{
    private static BoardProfile Board(string name) =>
        BoardProfileLoader.Load(name, RepoLayout.Find(AppContext.BaseDirectory).BoardsDir);

    [Fact]
    public void Small_model_fits_and_reports_usage()
    {
        var usage = FitCheck.Check(Board("nrf5340-dk"), new PathFootprint(4000, 20000, 3000, 2000, 100),
            new PathFootprint(8000, 200000, 30000, 20000, 100), handoffRingBytes: 512);
        Assert.Contains(usage, u => u.Core == "net" && u.Region == "flash" && u.NeededBytes == 24000);
        Assert.Contains(usage, u => u.Region == "shared" && u.NeededBytes == 512);
        Assert.All(usage, u => Assert.True(u.Fits));
    }

    [Fact]
    public void Refusal_names_core_region_needed_and_available()
    {
        var board = Board("nrf5340-dk");
        var e = Assert.Throws<DslException>(() => FitCheck.Check(board,
            new PathFootprint(4000, 20000, 40000, 20000, 1000), new PathFootprint(8000, 100000, 1000, 1000, 0)));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.Contains("core 'net' (light path) ram region", e.Message);
        Assert.Contains($"needs {40000 + 20000 + 1000 + FitCheck.DefaultStackBytes} bytes", e.Message);
        Assert.Contains("available 65536 bytes", e.Message);
        Assert.Contains("nrf5340-dk", e.Message);
        Assert.DoesNotContain("core 'app'", e.Message);
    }

    [Fact]
    public void Single_core_sums_both_paths()
    {
        var board = Board("stm32f407g-disc1");
        var e = Assert.Throws<DslException>(() => FitCheck.Check(board,
            new PathFootprint(1000, 600_000, 0, 0, 0), new PathFootprint(1000, 600_000, 0, 0, 0)));
        Assert.Contains("core 'm4' (light+heavy path) flash region", e.Message);
        Assert.Contains("needs 1202000 bytes", e.Message);
        Assert.Contains("available 1048576 bytes", e.Message);
    }
}
