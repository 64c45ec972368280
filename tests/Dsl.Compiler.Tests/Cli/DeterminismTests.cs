namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// Identical input gives byte-identical output: two separate dslc processes generate into two folders
/// (board glue and test firmware included) and every byte of every file is compared; the comparison
/// itself reports one changed byte, a changed length and an extra file.
/// </summary>
public sealed class DeterminismTests
{
    private static string Generate(string model, string parent, string name)
    {
        string dir = Path.Combine(parent, name);
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", model, "--board", "mps2-an386", "--no-fit-check", "-o", dir, "-q");
        Assert.True(r.Code == 0, r.StdErr);
        return dir;
    }

    [Fact]
    public void Two_processes_generate_the_same_bytes()
    {
        string parent = Directory.CreateTempSubdirectory("dslc-determinism-").FullName;
        string a = Generate(Fixtures.TinyDsl, parent, "a");
        string b = Generate(Fixtures.TinyDsl, parent, "b");
        Assert.True(File.Exists(Path.Combine(a, "boards", "mps2-an386", "firmware", "run_qemu.sh")));
        Assert.Null(FolderComparison.FirstDifference(a, b));
    }

    [Fact]
    public void The_comparison_reports_one_changed_byte()
    {
        (string a, string b) = TwoCopies();
        string file = Path.Combine(b, "tiny_dsl_weights_heavy.c");
        byte[] bytes = File.ReadAllBytes(file);
        bytes[1000] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        Assert.Equal("tiny_dsl_weights_heavy.c: byte 1000 differs " + $"(0x{bytes[1000] ^ 0x01:x2} vs 0x{bytes[1000]:x2})", FolderComparison.FirstDifference(a, b));
    }

    [Fact]
    public void The_comparison_reports_a_changed_length_and_an_extra_file()
    {
        (string a, string b) = TwoCopies();
        File.AppendAllText(Path.Combine(b, "report.md"), "\n");
        Assert.StartsWith("report.md: ", FolderComparison.FirstDifference(a, b));
        File.WriteAllText(Path.Combine(b, "extra.c"), "");
        Assert.Equal($"extra.c: only in {b}", FolderComparison.FirstDifference(a, b));
    }

    /// <summary>One generated folder and a copy of it.</summary>
    private static (string A, string B) TwoCopies()
    {
        string parent = Directory.CreateTempSubdirectory("dslc-compare-").FullName;
        string a = Path.Combine(parent, "a");
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "-o", a, "-q");
        Assert.True(r.Code == 0, r.StdErr);
        string b = Path.Combine(parent, "b");
        foreach (string f in Directory.GetFiles(a, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(b, Path.GetRelativePath(a, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }

        Assert.Null(FolderComparison.FirstDifference(a, b));
        return (a, b);
    }
}
