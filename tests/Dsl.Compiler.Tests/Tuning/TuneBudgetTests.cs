using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Tuning;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>--budget: each unit parses to its kind and value; a bad budget, a core the board does not run the model on,
/// and milliwatts on a board without power figures are usage errors that say what to give.</summary>
public sealed class TuneBudgetTests
{
    private static BoardProfile Board(string name) => BoardProfileLoader.Load(name, Path.Combine(Fixtures.RepoRoot, "boards"));

    [Theory]
    [InlineData("12M/s", BudgetKind.InstructionsPerSecond, 12e6, null)]
    [InlineData("800k/s", BudgetKind.InstructionsPerSecond, 8e5, null)]
    [InlineData("1.5G/s", BudgetKind.InstructionsPerSecond, 1.5e9, null)]
    [InlineData("2500000/s", BudgetKind.InstructionsPerSecond, 2.5e6, null)]
    [InlineData("40%", BudgetKind.CorePercent, 40, null)]
    [InlineData("12.5%:m7", BudgetKind.CorePercent, 12.5, "m7")]
    [InlineData("15mW", BudgetKind.Milliwatts, 15, null)]
    [InlineData(" 0.5mw ", BudgetKind.Milliwatts, 0.5, null)]
    public void Each_unit_parses(string text, BudgetKind kind, double limit, string? core)
    {
        TuneBudget b = TuneBudget.Parse(text);
        Assert.Equal(kind, b.Kind);
        Assert.Equal(limit, b.Limit, 9);
        Assert.Equal(core, b.Core);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("twelve M/s")]
    [InlineData("M/s")]
    [InlineData("-3mW")]
    [InlineData("120%")]
    [InlineData("40%m7")]
    [InlineData("40%:")]
    [InlineData("NaN%")]
    [InlineData("15 W")]
    public void A_bad_budget_is_a_usage_error_naming_the_forms(string text)
    {
        var e = Assert.Throws<DslException>(() => TuneBudget.Parse(text));
        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.Contains($"--budget '{text}'", e.Message);
        Assert.Contains("12M/s", e.Message);
        Assert.Contains("15mW", e.Message);
    }

    [Fact]
    public void A_core_the_board_does_not_run_the_model_on_is_refused_and_a_path_core_accepted()
    {
        BoardProfile board = Board("stm32h747i-disco");
        TuneBudget.Parse("40%:m4").Check(board);
        TuneBudget.Parse("40%:m7").Check(board);
        var e = Assert.Throws<DslException>(() => TuneBudget.Parse("40%:m9").Check(board));
        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.Contains("m4, m7", e.Message);
    }

    [Fact]
    public void Milliwatts_need_power_figures()
    {
        TuneBudget.Parse("15mW").Check(Board("stm32h747i-disco"));
        BoardProfile noPower = Board("mps2-an386");
        Assert.All(noPower.Cores, c => Assert.Null(c.Power));
        var e = Assert.Throws<DslException>(() => TuneBudget.Parse("15mW").Check(noPower));
        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.Contains("no power figures", e.Message);
    }

    [Fact]
    public void Holds_and_replay_counts_parse_and_refuse_k_at_or_above_r()
    {
        Assert.Equal([0, 1, 2, 3, 6], SweepGrid.ParseHolds("0..3,6,2"));
        Assert.Equal(DslErrorCode.Usage, Assert.Throws<DslException>(() => SweepGrid.ParseHolds("3..1")).Code);
        Assert.Equal(DslErrorCode.Usage, Assert.Throws<DslException>(() => SweepGrid.ParseHolds("x")).Code);
        Assert.Equal([3, 7], SweepGrid.ParseReplays("7,3", 15));
        Assert.Empty(SweepGrid.ParseReplays("none", 15));
        Assert.Equal([3, 7], SweepGrid.DefaultReplays(15));
        var e = Assert.Throws<DslException>(() => SweepGrid.ParseReplays("3,15", 15));
        Assert.Contains("R = 15", e.Message);
    }
}
