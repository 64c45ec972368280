using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Quantization;

/// <summary>
/// Choosing the estimator and the calibration gains: dsl.json keys, command-line options (which win), their
/// errors, and a non-default estimator end to end on tiny_dsl (changes the C, still bit-exact on the host).
/// </summary>
public sealed class CalibrationEstimatorSelectionTests
{
    private static readonly string TinyText = File.ReadAllText(Fixtures.TinyDsl);

    /// <summary>A copy of tiny_dsl whose dsl.json gets <paramref name="extraKeys"/> (JSON members) added.</summary>
    private static string TinyWith(string extraKeys)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-calib-").FullName;
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        File.Copy(Path.Combine(source, "model.onnx"), Path.Combine(dir, "model.onnx"));
        foreach (string sub in new[] { "calibration", "test" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
            foreach (string f in Directory.GetFiles(Path.Combine(source, sub)))
            {
                File.Copy(f, Path.Combine(dir, sub, Path.GetFileName(f)));
            }
        }

        int brace = TinyText.IndexOf('{');
        File.WriteAllText(Path.Combine(dir, "dsl.json"), TinyText[..(brace + 1)] + extraKeys + "," + TinyText[(brace + 1)..]);
        return Path.Combine(dir, "dsl.json");
    }

    private static void Delete(string manifestPath) => Directory.Delete(Path.GetDirectoryName(manifestPath)!, recursive: true);

    [Fact]
    public void Dsl_json_keys_are_read()
    {
        string path = TinyWith("\"calibration_estimator\": \"percentile:99.9\", \"calibration_gains_db\": [0, -30.5]");
        try
        {
            DslManifest m = DslManifestLoader.Load(path);
            Assert.Equal("percentile:99.9", m.CalibrationEstimator?.Name);
            Assert.Equal([0.0, -30.5], m.CalibrationGainsDb);
        }
        finally
        {
            Delete(path);
        }
    }

    [Theory]
    [InlineData("\"calibration_estimator\": \"kl\"", "field 'calibration_estimator'")]
    [InlineData("\"calibration_estimator\": 3", "field 'calibration_estimator' must be a string")]
    [InlineData("\"calibration_estimator\": \"percentile:5\"", "field 'calibration_estimator'")]
    [InlineData("\"calibration_gains_db\": \"-30\"", "field 'calibration_gains_db' must be a list of numbers")]
    [InlineData("\"calibration_gains_db\": []", "field 'calibration_gains_db'")]
    [InlineData("\"calibration_gains_db\": [0, -200]", "field 'calibration_gains_db': gain -200 dB")]
    public void Bad_dsl_json_values_are_manifest_errors_naming_the_key(string keys, string message)
    {
        string path = TinyWith(keys);
        try
        {
            var e = Assert.Throws<DslException>(() => DslManifestLoader.Load(path));
            Assert.Equal(DslErrorCode.Manifest, e.Code);
            Assert.Contains(message, e.Message);
        }
        finally
        {
            Delete(path);
        }
    }

    [Fact]
    public void The_command_line_wins_over_dsl_json_and_dsl_json_over_the_default()
    {
        string path = TinyWith("\"calibration_estimator\": \"mse\"");
        try
        {
            Assert.Equal("mse", ModelCompiler.Compile(path, new CompileOptions()).Quantization.Estimator.Name);
            Assert.Equal("percentile:99", ModelCompiler.Compile(path, new CompileOptions { Estimator = new PercentileEstimator(99) }).Quantization.Estimator.Name);
            Assert.Equal(RangeEstimator.Default.Name, ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()).Quantization.Estimator.Name);
        }
        finally
        {
            Delete(path);
        }
    }

    [Theory]
    [InlineData("--calibration-estimator", "maxmin", "--calibration-estimator: unknown calibration estimator 'maxmin'")]
    [InlineData("--calibration-estimator", "percentile:101", "--calibration-estimator: percentile '101'")]
    [InlineData("--calibration-gains-db", "0,loud", "--calibration-gains-db: 'loud' is not a number")]
    [InlineData("--calibration-gains-db", "0,60", "--calibration-gains-db: gain 60 dB is outside")]
    public void Bad_options_are_usage_errors_and_write_nothing(string option, string value, string message)
    {
        string outDir = Path.Combine(Directory.CreateTempSubdirectory("dslc-calib-cli-").FullName, "out");
        DslcProcess.Result r = DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "-o", outDir, "-q", $"{option}={value}"]);
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        Assert.Contains(message, r.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Gains_calibrate_on_level_shifted_copies()
    {
        (DslManifest manifest, IrGraph graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        string wav = ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration")[0];
        var clips = new List<(string, short[])> { ("c", WavFile.ReadMono16(wav, manifest.SampleRate)) };
        CalibrationRanges once = Calibrator.Run(graph, clips);
        CalibrationRanges twice = Calibrator.Run(graph, clips, gainsDb: [0, -40]);
        Assert.Equal(2 * once.Frames, twice.Frames);
        string first = graph.Nodes[0].Output;
        ValueHistogram h1 = once.Tensor(first).Histogram, h2 = twice.Tensor(first).Histogram;
        Assert.Equal(2 * h1.Count, h2.Count);

        // The copy is a quieter signal, not the clip again: its values fall in other bins.
        Assert.Contains(Enumerable.Range(0, ValueHistogram.BinCount), b => h2[b] != 2 * h1[b]);

        // Order of clips and gains does not matter: same counts, same min/max.
        CalibrationRanges reversed = Calibrator.Run(graph, clips, gainsDb: [-40, 0]);
        foreach (IrNode n in graph.Nodes)
        {
            TensorRange a = twice.Tensor(n.Output), b = reversed.Tensor(n.Output);
            Assert.Equal((a.Min, a.Max), (b.Min, b.Max));
            Assert.True(Enumerable.Range(0, ValueHistogram.BinCount).All(i => a.Histogram[i] == b.Histogram[i]), $"histogram of {n.Output}");
        }
    }

    [Fact]
    public void A_gain_scales_rounds_and_clips_like_a_recorder()
    {
        short[] samples = [0, 1000, -1000, 20000, -20000, 3];
        Assert.Equal([0, 1995, -1995, 32767, -32768, 6], CalibrationGain.Apply(samples, 6.0));
        Assert.Equal([0, 32, -32, 632, -632, 0], CalibrationGain.Apply(samples, -30.0));
        Assert.Same(samples, CalibrationGain.Apply(samples, 0.0));
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("percentile:99.9")]
    public void A_non_default_estimator_changes_the_c_and_validates_bit_exact_on_the_host(string estimator)
    {
        string work = Directory.CreateTempSubdirectory("dslc-calib-e2e-").FullName;
        try
        {
            DslcProcess.Result r = DslcProcess.Run(["validate", "-m", Fixtures.TinyDsl, "--work", Path.Combine(work, "v"), "-q",
                "--calibration-estimator", estimator, "--calibration-gains-db=0,-20"]);
            Assert.True(r.Code == 0, $"exit {r.Code}\n{r.StdOut}{r.StdErr}");
            Assert.Contains("bit-exact on host", r.StdOut);

            string Weights(string option) =>
                File.ReadAllText(Path.Combine(work, option, "tiny_dsl", "tiny_dsl_light.c"));
            Assert.Equal(0, DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "-o", Path.Combine(work, "minmax", "tiny_dsl"), "-q", "--calibration-estimator", "minmax"]).Code);
            Assert.Equal(0, DslcProcess.Run(["generate", "-m", Fixtures.TinyDsl, "-o", Path.Combine(work, "other", "tiny_dsl"), "-q", "--calibration-estimator", estimator, "--calibration-gains-db=0,-20"]).Code);
            Assert.NotEqual(Weights("minmax"), Weights("other"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
