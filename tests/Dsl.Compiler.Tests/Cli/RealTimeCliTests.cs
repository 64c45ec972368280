using System.Text.Json;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary><c>generate --board</c> writes the board's real-time and energy section; a missed frame deadline warns,
/// and with --strict-deadline fails with the board's exit code, one line naming board, core and path, writing nothing.</summary>
public sealed class RealTimeCliTests
{
    private static readonly string Board = Path.Combine(Fixtures.RepoRoot, "boards", "mps2-an386.yaml");

    private static string OutDir() => Path.Combine(Directory.CreateTempSubdirectory("dslc-rt-").FullName, "out");

    private static string Section(string report)
    {
        int start = report.IndexOf("## Real time and energy on ", StringComparison.Ordinal);
        Assert.True(start >= 0, "report.md has no real-time section");
        int end = report.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..end];
    }

    [Fact]
    public void Two_board_profiles_give_different_real_time_and_energy_reports()
    {
        var sections = new Dictionary<string, string>();
        foreach (string board in new[] { "stm32h747i-disco", "nrf5340-dk" })
        {
            string outDir = OutDir();
            DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", board, "--no-fit-check", "-o", outDir, "-q");
            Assert.True(r.Code == 0, r.StdErr);
            string section = Section(File.ReadAllText(Path.Combine(outDir, "report.md")));
            Assert.Contains("| light | ", section);
            Assert.Contains("| heavy | ", section);
            Assert.Contains("always-heavy", section);
            Assert.Contains("mWh per hour", section);
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
            JsonElement rt = json.RootElement.GetProperty("real_time");
            Assert.Equal(board, rt.GetProperty("board").GetString());
            Assert.Equal(2, rt.GetProperty("cores").GetArrayLength());
            sections[board] = section;
        }

        Assert.NotEqual(sections["stm32h747i-disco"], sections["nrf5340-dk"]);
        Assert.Contains("| m7 | cortex-m7 @ 480 MHz | heavy |", sections["stm32h747i-disco"]);
        Assert.Contains("| net | cortex-m33 @ 64 MHz | light | portable, measured on mps2-an385 (Cortex-M3) |", sections["nrf5340-dk"]);
    }

    [Fact]
    public void A_missed_deadline_warns_and_with_strict_deadline_fails_naming_board_core_and_path()
    {
        // The emulated M4 board slowed to 100 kHz: 200 cycles per 2 ms frame of the tiny model, far too few.
        string dir = Directory.CreateTempSubdirectory("dslc-rt-board-").FullName;
        string yaml = File.ReadAllText(Board);
        Assert.Contains("clock_hz: 25_000_000", yaml);
        string slow = Path.Combine(dir, "slow-board.yaml");
        File.WriteAllText(slow, yaml.Replace("name: mps2-an386", "name: slow-board", StringComparison.Ordinal)
            .Replace("clock_hz: 25_000_000", "clock_hz: 100_000", StringComparison.Ordinal));

        string warned = OutDir();
        DslcProcess.Result w = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", slow, "--no-fit-check", "-o", warned, "-q");
        Assert.True(w.Code == 0, w.StdErr);
        Assert.Contains("dslc: warning: frame deadline missed on board 'slow-board', core 'm4', light path", w.StdErr);
        Assert.Contains("dslc: warning: frame deadline missed on board 'slow-board', core 'm4', heavy path", w.StdErr);
        Assert.Contains("**misses**", File.ReadAllText(Path.Combine(warned, "report.md")));

        string strict = OutDir();
        DslcProcess.Result s = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", slow, "--no-fit-check", "--strict-deadline", "-o", strict, "-q");
        Assert.Equal((int)DslErrorCode.Board, s.Code);
        string error = Assert.Single(s.StdErr.Split('\n'), l => l.StartsWith("dslc: error:", StringComparison.Ordinal));
        Assert.Contains("board 'slow-board', core 'm4', light path", error);
        Assert.Contains("--strict-deadline", error);
        Assert.False(Directory.Exists(strict));

        // The control: at 250 MHz both paths, replay burst included, fit the frame, so --strict-deadline passes.
        string fast = Path.Combine(dir, "fast-board.yaml");
        File.WriteAllText(fast, yaml.Replace("name: mps2-an386", "name: fast-board", StringComparison.Ordinal)
            .Replace("clock_hz: 25_000_000", "clock_hz: 250_000_000", StringComparison.Ordinal));
        DslcProcess.Result ok = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", fast, "--no-fit-check", "--strict-deadline", "-o", OutDir(), "-q");
        Assert.True(ok.Code == 0, ok.StdErr);
        Assert.DoesNotContain("deadline missed", ok.StdErr);
    }
}
