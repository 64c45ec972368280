using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Tests.Targets;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// <c>dslc generate --board</c> says "no": a board too small for the model exits 8, a missing Arm
/// toolchain exits 9 (no fit verdict is no pass), and only an explicit --no-fit-check passes without it,
/// with a warning that -q does not hide. Nothing is written when it fails.
/// </summary>
public sealed class FitCheckCliTests
{
    private static readonly string Board = Path.Combine(Fixtures.RepoRoot, "boards", "mps2-an386.yaml");

    /// <summary>The child's PATH holds no arm-none-eabi-gcc (dotnet is started by its full path).</summary>
    private static readonly Dictionary<string, string?> NoToolchain = new() { ["PATH"] = "/nonexistent" };

    private static string OutDir() => Path.Combine(Directory.CreateTempSubdirectory("dslc-fit-").FullName, "out");

    /// <summary>The fit verdict is the linker's: an image overflowing a region of memory.ld (flash), or
    /// data + bss + the stack reserve beyond the RAM (the link-time assertion of dsl_target.ld).</summary>
    [Theory]
    [InlineData("flash: { origin: 0x00000000, size: 4M }", "flash: { origin: 0x00000000, size: 2K }", "flash region")]
    [InlineData("ram:   { origin: 0x20000000, size: 4M }", "ram:   { origin: 0x20000000, size: 8K }", "ram region")]
    public void A_board_too_small_for_the_model_is_a_board_error(string region, string tiny, string named)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("dslc-fit-board-").FullName;
        string yaml = File.ReadAllText(Board);
        Assert.Contains(region, yaml);
        string small = Path.Combine(dir, "tiny-board.yaml");
        File.WriteAllText(small, yaml.Replace("name: mps2-an386", "name: tiny-board", StringComparison.Ordinal).Replace(region, tiny, StringComparison.Ordinal));
        string outDir = OutDir();

        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", small, "-o", outDir, "-q");
        Assert.Equal((int)DslErrorCode.Board, r.Code);
        Assert.Contains("does not fit board 'tiny-board'", r.StdErr);
        Assert.Contains(named, r.StdErr);
        Assert.False(Directory.Exists(outDir));

        // The control: the same board with its real memory fits.
        Assert.Equal(0, DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", Board, "-o", outDir, "-q").Code);
    }

    [Fact]
    public void A_missing_toolchain_is_a_toolchain_error()
    {
        string outDir = OutDir();
        DslcProcess.Result r = DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "--board", "mps2-an386", "-o", outDir, "-q"], NoToolchain);
        Assert.Equal((int)DslErrorCode.Toolchain, r.Code);
        Assert.Contains("arm-none-eabi-gcc is not installed", r.StdErr);
        Assert.Contains("--no-fit-check", r.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void The_explicit_opt_out_passes_and_says_so_even_when_quiet()
    {
        string outDir = OutDir();
        DslcProcess.Result r = DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "--board", "mps2-an386", "--no-fit-check", "-o", outDir, "-q"], NoToolchain);
        Assert.True(r.Code == 0, r.StdErr);
        Assert.Contains("warning: the memory fit on 'mps2-an386' was not checked", r.StdErr);
        Assert.True(File.Exists(Path.Combine(outDir, "boards", "mps2-an386", "m4", "memory.ld")));
    }
}
