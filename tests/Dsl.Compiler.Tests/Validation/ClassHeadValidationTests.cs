using Dsl.Compiler.Audio;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Tests.Cli;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// A classifier head's golden model against the float model (docs/classifier-heads.md): the per-frame labels must
/// mostly agree and the scores stay within a few quantization steps; a head read with a wrong zero point must fail
/// the score bar (so the bar can fail); and the QEMU run of the fixture on mps2-an386 is bit-exact.
/// </summary>
public sealed class ClassHeadValidationTests(ITestOutputHelper log)
{
    /// <summary>The bars: random-weight fixtures with small label margins agree on about 83 % of frames (measured);
    /// a broken head (wrong zero point, wrong scale, wrong channel order) falls far below.</summary>
    private const double MinAgreement = 0.75;

    private const double MaxErrorSteps = 24;

    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyGc, new CompileOptions()));
    private static readonly Lazy<CompiledModel> Tiny8k = new(() => ModelCompiler.Compile(Fixtures.TinyGc8k, new CompileOptions()));

    private static short[] TestAudio(CompiledModel m) =>
        StreamedAudio.Read(Path.Combine(Path.GetDirectoryName(m.Manifest.Path)!, "test", "synth.wav"), m.Manifest.SampleRate, m.Manifest.Frame);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Golden_labels_agree_with_float_labels(bool eightKilohertz)
    {
        CompiledModel m = (eightKilohertz ? Tiny8k : Tiny).Value;
        ClipClassification c = ClassificationMetrics.Measure(m, "synth.wav", TestAudio(m));
        log.WriteLine(ClassificationMetrics.Line(c));
        Assert.True(c.HeavyLabelAgreement >= MinAgreement, ClassificationMetrics.Line(c));
        Assert.True(c.LabelAgreement >= MinAgreement, ClassificationMetrics.Line(c));
        Assert.InRange(c.MaxScoreErrorSteps, 0.5, MaxErrorSteps);
        Assert.InRange(c.GatedRate, 0.05, 0.95);
    }

    [Fact]
    public void A_head_read_with_a_wrong_zero_point_fails_the_score_error_bar()
    {
        CompiledModel m = Tiny.Value;
        ClassHeadProgram head = m.Program.Classes!;
        // Every score read 40 codes off: the dequantized logits shift and the errors in steps explode.
        QuantParams wrong = head.Quant with { ZeroPoint = head.Quant.ZeroPoint + 40 };
        CompiledModel broken = m with { Program = m.Program with { Classes = head with { Quant = wrong } } };
        ClipClassification c = ClassificationMetrics.Measure(broken, "synth.wav", TestAudio(m));
        Assert.True(c.MaxScoreErrorSteps > MaxErrorSteps, ClassificationMetrics.Line(c));
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Tiny_gc_validates_bit_exact_on_mps2_an386()
    {
        string work = Directory.CreateTempSubdirectory("dslc-class-qemu-").FullName;
        try
        {
            DslcProcess.Result r = DslcProcess.Run(["validate", "-m", Fixtures.TinyGc, "--board", "mps2-an386", "--work", Path.Combine(work, "w"), "-q"]);
            Assert.True(r.Code == 0, $"exit {r.Code}\n{r.StdOut}{r.StdErr}");
            Assert.Contains("bit-exact on mps2-an386", r.StdOut);
            Assert.Contains("routed label agreement int vs float", r.StdOut);
            log.WriteLine(r.StdOut);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
