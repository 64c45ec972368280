using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Audio;
using Xunit;

namespace Dsl.Compiler.Tests.Precision;

/// <summary>The precision decision on tests/fixtures/tiny_dsl (all-int8 reaches about 38 dB heavy, 48 dB light on its
/// calibration audio, so a 45 dB target makes the search choose).</summary>
public sealed class TinyModelPrecisionTests
{
    private static readonly TargetSnr Target45 = new(45, false);

    private static CompiledModel Compile(TargetSnr? target, string? cache = null, List<string>? warnings = null, IReadOnlySet<string>? int16 = null) =>
        ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions { TargetSnr = target, PrecisionCache = cache, Warning = warnings is null ? null : warnings.Add, Int16Tensors = int16 });

    private static readonly Lazy<CompiledModel> Searched = new(() => Compile(Target45));

    [Fact]
    public void TheChosenSetMeetsTheTargetOnTheCalibrationAudio()
    {
        CompiledModel m = Searched.Value;
        PrecisionChoice p = m.Precision!;

        Assert.Equal("search", p.Source);
        Assert.True(p.Met);
        Assert.NotEmpty(p.Chosen);
        Assert.Equal(p.Chosen, m.Quantization.Int16Tensors.Order(StringComparer.Ordinal));
        // Judged again, independently of the search: the compiled program on the evaluation audio.
        var clips = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Fixtures.TinyDsl)!, "calibration"), "*.wav").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), WavFile.ReadMono16(f, m.Manifest.SampleRate))).ToList();
        var evaluator = new CandidateEvaluator(m.Graph, m.Manifest, m.Program.HasLightOutput, EvaluationAudio.From(clips, null, m.Manifest.Frame));
        IReadOnlyList<OutputSnr> snr = evaluator.Evaluate(m.Program);
        Assert.Equal(p.Snr, snr);
        Assert.All(snr, o => Assert.True(o.SnrDb >= 45, $"{o.Output}: {o.SnrDb:F2} dB"));
        Assert.Contains(p.Int8Snr, o => o.SnrDb < 45);
        Assert.True(p.Cost.Objective > p.Int8Cost.Objective);
    }

    [Fact]
    public void TheReportListsEveryEligibleTensorWithItsPrecision()
    {
        CompiledModel m = Searched.Value;
        PrecisionChoice p = m.Precision!;
        var eligible = QuantizationPlan.Int16Candidates(m.Graph, m.Manifest, m.Ranges, m.Quantization.Estimator)
            .Where(c => c.Value is null).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        string markdown = PrecisionSection.ToMarkdown(p, m.Quantization.Headroom);
        Assert.Contains($"reach {Int16Headroom.Default} beyond", markdown);

        Assert.Equal(eligible, p.Tensors.Where(t => t.Eligible).Select(t => t.Tensor));
        Assert.All(p.Tensors.Where(t => t.Eligible), t =>
        {
            Assert.Equal(p.Chosen.Contains(t.Tensor) ? "int16" : "int8", t.Precision);
            Assert.NotNull(t.Instructions);
            Assert.Contains($"`{t.Tensor}` | {t.Precision} |", markdown);
        });
        Assert.All(p.Tensors.Where(t => !t.Eligible), t => Assert.StartsWith("not eligible: ", t.Why));
    }

    [Fact]
    public void ASecondCompileReadsTheCacheAndAChangedTargetMissesIt()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dslc-tiny-precision-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string cache = Path.Combine(dir, PrecisionJson.FileName);
            File.WriteAllText(cache, PrecisionJson.ToJson(Searched.Value.Precision!));

            CompiledModel hit = Compile(Target45, cache);
            CompiledModel miss = Compile(new TargetSnr(44, false), cache);

            Assert.Equal("cache", hit.Precision!.Source);
            Assert.Equal(Searched.Value.Precision!.Chosen, hit.Precision.Chosen);
            Assert.Equal(Searched.Value.Quantization.Int16Tensors, hit.Quantization.Int16Tensors);
            Assert.Equal("search", miss.Precision!.Source);
            Assert.NotEqual(hit.Precision.Key, miss.Precision.Key);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AnUnreachableTargetKeepsAllInt16AndWarnsOnce()
    {
        var warnings = new List<string>();
        CompiledModel m = Compile(new TargetSnr(110, false), warnings: warnings);

        Assert.False(m.Precision!.Met);
        // Every eligible tensor is int16 unless the light path's instruction cap keeps it int8, and then it says so.
        var eligible = m.Precision.Tensors.Where(t => t.Eligible).ToList();
        Assert.Equal(eligible.Where(t => t.Precision == "int16").Select(t => t.Tensor), m.Precision.Chosen);
        Assert.All(eligible.Where(t => t.Precision == "int8"), t => Assert.Contains("instruction cap", t.Why));
        Assert.Single(warnings, w => w.StartsWith("target SNR 110 dB not reached", StringComparison.Ordinal));
    }

    [Fact]
    public void OffAndAGivenSetSkipTheSearch()
    {
        CompiledModel off = Compile(TargetSnr.None);
        string one = Searched.Value.Precision!.Chosen[0];
        CompiledModel given = Compile(Target45, int16: new HashSet<string> { one });

        Assert.Equal("off", off.Precision!.Source);
        Assert.Empty(off.Quantization.Int16Tensors);
        Assert.Equal(0, off.Precision.Evaluations);
        Assert.Equal("int16-option", given.Precision!.Source);
        Assert.Equal([one], given.Quantization.Int16Tensors);
    }

    [Fact]
    public void TheSearchIsDeterministic()
    {
        Assert.Equal(PrecisionJson.ToJson(Searched.Value.Precision!), PrecisionJson.ToJson(Compile(Target45).Precision!));
    }
}
