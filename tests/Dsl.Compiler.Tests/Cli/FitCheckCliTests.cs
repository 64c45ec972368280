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

    [Fact]
    public void A_board_too_small_for_the_model_is_a_board_error()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("dslc-fit-board-").FullName;
        string yaml = File.ReadAllText(Board)
            .Replace("name: mps2-an386", "name: tiny-flash", StringComparison.Ordinal)
            .Replace("flash: { origin: 0x00000000, size: 4M }", "flash: { origin: 0x00000000, size: 2K }", StringComparison.Ordinal);
        Assert.Contains("size: 2K", yaml);
        string small = Path.Combine(dir, "tiny-flash.yaml");
        File.WriteAllText(small, yaml);
        string outDir = OutDir();

        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "--board", small, "-o", outDir, "-q");
        Assert.Equal((int)DslErrorCode.Board, r.Code);
        Assert.Contains("does not fit board 'tiny-flash'", r.StdErr);
        Assert.Contains("flash region", r.StdErr);
        Assert.False(Directory.Exists(outDir));

        // The control: the same board with its real flash fits.
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
