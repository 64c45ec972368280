using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Tests.Tuning;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// The calibration cache in the compiler: a repeated compile reads the ranges instead of calibrating and gets the
/// same model; a changed clip, model or calibration option misses; a damaged entry is recomputed with a warning.
/// Each test works on its own copy of the tiny fixture and its own cache folder.
/// </summary>
public sealed class CalibrationCacheTests
{
    private static (string Manifest, CalibrationCache Cache, List<string> Warnings, CompileOptions Options) Setup()
    {
        string manifest = TinyFixtureCopy.Make();
        var cache = new CalibrationCache(Directory.CreateTempSubdirectory("dslc-cache-").FullName);
        var warnings = new List<string>();
        return (manifest, cache, warnings, new CompileOptions { CalibrationCache = cache, Warning = warnings.Add });
    }

    private static string Entry(CalibrationCache cache) => Assert.Single(Directory.GetFiles(Path.Combine(cache.Folder, "calibration")));

    [Fact]
    public void A_second_compile_reads_the_ranges_and_builds_the_same_model()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        CompiledModel first = ModelCompiler.Compile(manifest, options);
        Assert.Equal((0, 1), (cache.Hits, cache.Misses));
        var progress = new List<string>();
        CompiledModel second = ModelCompiler.Compile(manifest, options with { Progress = progress.Add });
        Assert.Equal((1, 1), (cache.Hits, cache.Misses));
        Assert.DoesNotContain(progress, l => l.StartsWith("calibration 1/", StringComparison.Ordinal));
        Assert.Contains(progress, l => l.StartsWith("calibration: from the cache", StringComparison.Ordinal));

        // Every range, bound and histogram bin survives the round trip, so every scale is the same.
        Assert.Equal(CalibrationRangesJson.ToJson(first.Ranges, "k"), CalibrationRangesJson.ToJson(second.Ranges, "k"));
        Assert.Equal(first.Ranges.Frames, second.Ranges.Frames);
        Assert.NotEmpty(first.Ranges.Tensors);
        foreach (string tensor in first.Ranges.Tensors.Keys)
        {
            Assert.Equal(first.Quantization.Of(tensor).Scale, second.Quantization.Of(tensor).Scale);
        }
    }

    [Fact]
    public void Without_a_cache_nothing_is_read_or_written()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        ModelCompiler.Compile(manifest, options with { CalibrationCache = null });
        Assert.False(Directory.Exists(Path.Combine(cache.Folder, "calibration")));
    }

    [Fact]
    public void A_changed_calibration_clip_misses()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        ModelCompiler.Compile(manifest, options);
        string clip = Path.Combine(Path.GetDirectoryName(manifest)!, "calibration", "synth.wav");
        byte[] bytes = File.ReadAllBytes(clip);
        bytes[^1] ^= 0x01; // the last sample's high byte: the same file length and format, other audio
        File.WriteAllBytes(clip, bytes);
        ModelCompiler.Compile(manifest, options);
        Assert.Equal((0, 2), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void A_changed_dsl_json_misses()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        ModelCompiler.Compile(manifest, options);
        File.AppendAllText(manifest, "\n");
        ModelCompiler.Compile(manifest, options);
        Assert.Equal((0, 2), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void Other_calibration_gains_miss_and_another_estimator_hits()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        ModelCompiler.Compile(manifest, options);
        ModelCompiler.Compile(manifest, options with { CalibrationGainsDb = [0.0, -30.0] });
        Assert.Equal((0, 2), (cache.Hits, cache.Misses));
        // The estimator reads the ranges; it does not make them.
        ModelCompiler.Compile(manifest, options with { Estimator = RangeEstimator.Parse("percentile", Diagnostics.DslErrorCode.Usage, "test") });
        Assert.Equal((1, 2), (cache.Hits, cache.Misses));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("{\"format\": 1}")]
    [InlineData("[1, 2]")]
    public void A_damaged_entry_is_recomputed_with_a_warning(string damaged)
    {
        (string manifest, CalibrationCache cache, List<string> warnings, CompileOptions options) = Setup();
        CompiledModel first = ModelCompiler.Compile(manifest, options);
        string entry = Entry(cache);
        string good = File.ReadAllText(entry);
        File.WriteAllText(entry, damaged);
        CompiledModel again = ModelCompiler.Compile(manifest, options);
        Assert.Equal((0, 2), (cache.Hits, cache.Misses));
        Assert.Contains(warnings, w => w.Contains("calibration cache entry is damaged", StringComparison.Ordinal) && w.Contains(entry, StringComparison.Ordinal));
        Assert.Equal(good, File.ReadAllText(entry)); // written anew
        Assert.Equal(CalibrationRangesJson.ToJson(first.Ranges, "k"), CalibrationRangesJson.ToJson(again.Ranges, "k"));
    }

    [Fact]
    public void An_entry_with_a_bin_outside_the_histogram_is_recomputed()
    {
        (string manifest, CalibrationCache cache, List<string> warnings, CompileOptions options) = Setup();
        ModelCompiler.Compile(manifest, options);
        string entry = Entry(cache);
        string text = File.ReadAllText(entry);
        int bins = text.IndexOf("\"bins\":[", StringComparison.Ordinal) + "\"bins\":[".Length;
        File.WriteAllText(entry, text[..bins] + "99999999,1," + text[bins..]);
        ModelCompiler.Compile(manifest, options);
        Assert.Equal((0, 2), (cache.Hits, cache.Misses));
        Assert.Single(warnings);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_costs_a_warning_only()
    {
        (string manifest, _, List<string> warnings, CompileOptions options) = Setup();
        string file = Path.Combine(Directory.CreateTempSubdirectory("dslc-cache-").FullName, "a-file");
        File.WriteAllText(file, "not a folder");
        var cache = new CalibrationCache(file);
        ModelCompiler.Compile(manifest, options with { CalibrationCache = cache });
        Assert.Equal((0, 1), (cache.Hits, cache.Misses));
        Assert.Contains(warnings, w => w.StartsWith("calibration cache not written", StringComparison.Ordinal));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void The_precision_search_runs_once_and_a_run_without_a_precision_json_reads_its_decision()
    {
        (string manifest, CalibrationCache cache, _, CompileOptions options) = Setup();
        CompiledModel first = ModelCompiler.Compile(manifest, options);
        Assert.Equal("search", first.Precision!.Source);
        CompiledModel second = ModelCompiler.Compile(manifest, options);
        Assert.Equal("cache", second.Precision!.Source);
        Assert.Equal(first.Precision.Chosen, second.Precision.Chosen);
        Assert.Equal("search", ModelCompiler.Compile(manifest, options with { CalibrationCache = null }).Precision!.Source);
    }
}
