using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// dslc's calibration cache as users meet it: the second generate with the same model and options says it read
/// the cache and writes byte-identical C; DSLC_CACHE moves the default folder; --no-cache calibrates and writes nothing.
/// </summary>
public sealed class CalibrationCacheCliTests
{
    private const string CacheHit = "calibration: from the cache";

    private static DslcProcess.Result Generate(string output, IEnumerable<string> more, IReadOnlyDictionary<string, string?>? environment = null)
    {
        DslcProcess.Result r = DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "--board", "mps2-an386", "--no-fit-check", "-o", output, .. more], environment);
        Assert.True(r.Code == 0, r.StdErr);
        return r;
    }

    [Fact]
    public void A_second_run_reads_the_cache_and_writes_the_same_bytes()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-cache-cli-").FullName;
        string cache = Path.Combine(dir, "cache");
        DslcProcess.Result first = Generate(Path.Combine(dir, "a"), ["--cache", cache]);
        DslcProcess.Result second = Generate(Path.Combine(dir, "b"), ["--cache", cache]);
        Assert.DoesNotContain(CacheHit, first.StdErr);
        Assert.Contains("calibration 1/1", first.StdErr);
        Assert.Contains(CacheHit, second.StdErr);
        Assert.DoesNotContain("calibration 1/1", second.StdErr);
        Assert.Single(Directory.GetFiles(Path.Combine(cache, "calibration"), "*.json"));
        Assert.Null(FolderComparison.FirstDifference(Path.Combine(dir, "a"), Path.Combine(dir, "b")));
    }

    [Fact]
    public void The_environment_moves_the_default_cache_and_no_cache_leaves_it_alone()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-cache-cli-").FullName;
        string cache = Path.Combine(dir, "env-cache");
        var environment = new Dictionary<string, string?> { ["DSLC_CACHE"] = cache };
        Generate(Path.Combine(dir, "a"), [], environment);
        Assert.Single(Directory.GetFiles(Path.Combine(cache, "calibration"), "*.json"));

        string other = Path.Combine(dir, "xdg");
        DslcProcess.Result r = Generate(Path.Combine(dir, "b"), ["--no-cache"], new Dictionary<string, string?> { ["DSLC_CACHE"] = other });
        Assert.Contains("calibration 1/1", r.StdErr);
        Assert.False(Directory.Exists(other));
    }

    [Fact]
    public void Cache_and_no_cache_together_are_a_usage_error()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-cache-cli-").FullName;
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "-o", Path.Combine(dir, "o"), "--cache", Path.Combine(dir, "c"), "--no-cache");
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        Assert.Contains("--no-cache", r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(dir, "c")));
    }

    [Fact]
    public void An_empty_cache_folder_name_is_a_usage_error()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-cache-cli-").FullName;
        DslcProcess.Result r = DslcProcess.Run("generate", "-m", Fixtures.TinyDsl, "-o", Path.Combine(dir, "o"), "--cache", "");
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        Assert.Contains("--cache", r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}
