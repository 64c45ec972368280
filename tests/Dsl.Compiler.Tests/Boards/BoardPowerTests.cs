using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;

namespace Dsl.Compiler.Tests.Boards;

/// <summary>Per-core power figures and the frame budget in board profiles: converted to mW at the core's clock,
/// and a malformed field refused with the file, line and field named.</summary>
public sealed class BoardPowerTests
{
    private static readonly string BoardsDir = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;

    private static string Profile(string power, string top = "") => $"""
        name: power-board
        description: one core
        source: made up
        {top}
        cores:
          - id: m4
            cpu: cortex-m4
            fpu: fpv4-sp-d16
            dsp: true
            mve: false
            clock_hz: 100_000_000
            gcc_flags: [-mcpu=cortex-m4, -mthumb, -mfpu=fpv4-sp-d16, -mfloat-abi=hard]
            kernel_variant: dsp
        {power}
            memory:
              flash: {"{"} origin: 0x08000000, size: 1M {"}"}
              ram:   {"{"} origin: 0x20000000, size: 128K {"}"}
        paths:
          light: m4
          heavy: m4
        """;

    private static string Power(string fields) => "    power:\n" + string.Join("\n", fields.Split(';').Select(f => "      " + f.Trim()));

    [Theory]
    [InlineData("active_mw: 30; sleep_mw: 0.5", 30.0, 0.5)]
    [InlineData("active_ma: 10; sleep_ma: 1; supply_v: 3.3", 33.0, 3.3)]
    [InlineData("active_ua_per_mhz: 100; sleep_ua: 50; supply_v: 2", 20.0, 0.1)] // 100 uA/MHz x 100 MHz x 2 V
    public void Power_figures_become_milliwatts_at_the_cores_clock(string fields, double active, double sleep)
    {
        BoardProfile b = BoardProfileLoader.Parse(Profile(Power(fields + "; covers: core; source: DS0000 table 1")), "power-board.yaml");

        CorePower p = Assert.IsType<CorePower>(b.Light.Power);
        Assert.Equal(active, p.ActiveMilliwatts, 9);
        Assert.Equal(sleep, p.SleepMilliwatts, 9);
        Assert.Equal("typical, from the datasheet", p.Status);
        Assert.Equal(100, b.FrameBudgetPercent);
    }

    [Theory]
    [InlineData("active_ma: 10; sleep_ma: 1", "cores[0].power.active_ma", "needs supply_v")]
    [InlineData("active_mw: 10; active_ma: 3; sleep_mw: 1; supply_v: 3", "cores[0].power.active_ma", "give the active figure once")]
    [InlineData("sleep_mw: 1", "cores[0].power.active_mw", "one of active_mw, active_ma, active_ua_per_mhz")]
    [InlineData("active_mw: ten; sleep_mw: 1", "cores[0].power.active_mw", "not a number")]
    [InlineData("active_mw: -3; sleep_mw: 1", "cores[0].power.active_mw", "must not be negative")]
    [InlineData("active_mw: 10; sleep_mw: 12", "cores[0].power.sleep_mw", "must be below the active power")]
    [InlineData("active_mw: 10; sleep_mw: 1; supply_v: 230", "cores[0].power.supply_v", "not a microcontroller supply")]
    [InlineData("active_mw: 10; sleep_mw: 1; watts: 3", "cores[0].power.watts", "unknown field")]
    public void A_malformed_power_field_is_refused_naming_the_file_and_field(string fields, string field, string says)
    {
        var e = Assert.Throws<DslException>(() =>
            BoardProfileLoader.Parse(Profile(Power(fields + "; covers: core; source: DS0000 table 1")), "boards/power-board.yaml"));

        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.StartsWith("boards/power-board.yaml:", e.Message);
        Assert.Contains($": {field}: ", e.Message);
        Assert.Contains(says, e.Message);
    }

    [Theory]
    [InlineData("covers")]
    [InlineData("source")]
    public void Power_figures_must_say_what_they_cover_and_where_they_come_from(string missing)
    {
        string fields = "active_mw: 10; sleep_mw: 1" + (missing == "covers" ? "" : "; covers: core") + (missing == "source" ? "" : "; source: DS0000");
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Parse(Profile(Power(fields)), "power-board.yaml"));

        Assert.Contains($"cores[0].power.{missing}: required field is missing", e.Message);
    }

    [Theory]
    [InlineData("frame_budget_percent: 0")]
    [InlineData("frame_budget_percent: 101")]
    public void The_frame_budget_is_a_share_of_the_frame(string top)
    {
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Parse(Profile("", top), "power-board.yaml"));

        Assert.Contains("frame_budget_percent: ", e.Message);
        Assert.Contains("allowed 1..100", e.Message);
    }

    [Theory]
    [InlineData("stm32h747i-disco")]
    [InlineData("nrf5340-dk")]
    [InlineData("stm32f407g-disc1")]
    [InlineData("imxrt1170-evk")]
    [InlineData("alif-ensemble-e7")]
    public void Every_build_only_board_gives_sourced_power_for_its_path_cores(string name)
    {
        BoardProfile b = BoardProfileLoader.Load(name, BoardsDir);

        foreach (CoreProfile core in new[] { b.Light, b.Heavy })
        {
            CorePower p = Assert.IsType<CorePower>(core.Power);
            Assert.True(p.SleepMilliwatts < p.ActiveMilliwatts);
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
        }
    }
}
