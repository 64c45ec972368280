using Dsl.Compiler.Boards;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Reporting;

/// <summary>bench's measured load per core: every frame counts (0 where the core's path does not run), heavy counts
/// carry their replay, one core adds both paths, and p99 is the nearest-rank frame.</summary>
public sealed class MeasuredCoreLoadTests
{
    private static readonly string BoardsDir = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;

    /// <summary>100 frames: light 1,000 each; frames 10..19 heavy at 5,000, frame 10 a restart at 20,000 (replay included).</summary>
    private static List<FrameRecord> Frames() => Enumerable.Range(0, 100).Select(i =>
    {
        bool heavy = i is >= 10 and < 20;
        uint h = !heavy ? 0u : i == 10 ? 20_000u : 5_000u;
        return FrameRecord.Routed(heavy ? 1 : 0, i == 10 ? 3 : 0, 0, 1_000, h, [], [], []);
    }).ToList();

    [Fact]
    public void One_core_adds_the_light_frame_to_the_heavy_calls_of_every_frame()
    {
        BoardProfile board = BoardProfileLoader.Load("mps2-an386", BoardsDir);
        MeasuredCoreLoad m4 = Assert.Single(MeasuredCoreLoad.Of(board, Frames(), 0.02));

        Assert.Equal("light + heavy", m4.Paths);
        Assert.Equal(100, m4.Frames);
        Assert.Equal(1_000 + ((9 * 5_000) + 20_000) / 100.0, m4.Mean, 9);
        Assert.Equal(6_000, m4.P99);   // rank 99 of 100: a steady heavy frame, not the restart
        Assert.Equal(21_000, m4.Worst);
        Assert.Equal(100.0 * 21_000 / (25_000_000 * 0.02), m4.WorstPercent, 9);
    }

    [Fact]
    public void Two_cores_count_each_path_on_its_own_core()
    {
        BoardProfile board = BoardProfileLoader.Load("mps2-an521", BoardsDir);
        IReadOnlyList<MeasuredCoreLoad> loads = MeasuredCoreLoad.Of(board, Frames(), 0.02);

        MeasuredCoreLoad light = loads.Single(l => l.Core == board.LightCore);
        MeasuredCoreLoad heavy = loads.Single(l => l.Core == board.HeavyCore);
        Assert.Equal((1_000.0, 1_000L, 1_000L), (light.Mean, light.P99, light.Worst));
        Assert.Equal(((9 * 5_000) + 20_000) / 100.0, heavy.Mean, 9);
        Assert.Equal((5_000L, 20_000L), (heavy.P99, heavy.Worst));
        Assert.Contains("| mps2-an521 | " + board.HeavyCore + " | heavy |", MeasuredLoadSection.ToMarkdown(loads, 20));
    }
}
