using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// Mixed precision (int16 activation tensors): with every eligible tensor int16 (<c>--int16 all</c>) the tiny model,
/// the import cases and the shipped model validate bit-exact between golden model and emitted C; the plan, the
/// program and the report agree on which tensors are int16; ineligible choices are refused by name.
/// </summary>
public sealed class MixedPrecisionTests
{
    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private static string Case(string name) => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "import_cases", name, "dsl.json");

    private static string Shipped => Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json");

    public static TheoryData<string> Models() => new()
    {
        Fixtures.TinyDsl,
        Case("sym_pad_crop"),
        Case("no_bias"),
        Case("batchnorm"),
        Case("prelu"),
        Case("tanh_out"),
        Case("sigmoid_out"),
        Case("hardtanh_out"),
        Shipped,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_eligible_tensor_int16_validates_bit_exact_on_the_host(string model) => Validate(model, "--int16", "all");

    /// <summary>Every other eligible tensor int16 (both parities): adds, muls, activations and concats meet operands
    /// of both types, so the rescales between types run; golden and C must still agree.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Alternate_eligible_tensors_int16_validate_bit_exact_on_the_host(int parity)
    {
        string[] chosen = Eligible(Tiny.Value).Order(StringComparer.Ordinal).Where((_, i) => i % 2 == parity).ToArray();
        CompiledModel m = ModelCompiler.Requantize(Tiny.Value, chosen.ToHashSet(StringComparer.Ordinal), RoundingRule.Single);
        Assert.Contains(m.Program.Light.Steps.Concat(m.Program.Heavy.Steps), s => s is RescaleStep r && r.InElementBytes != r.OutElementBytes);
        Validate(Fixtures.TinyDsl, "--int16", string.Join(",", chosen));
    }

    /// <summary>Hand-picked tiny-model sets: an int8 add of two int16 operands and an int16 -> int8 Elu (rescale, then
    /// LUT); an int16 add of two int8 operands and an int8 -> int16 Elu (rescale, then curve); the first layer
    /// PCM -> int16 with its Elu curve.</summary>
    [Theory]
    [InlineData("/res/b/Conv_output_0,/Elu_output_0", "dsl_rescale_s16_s8")]
    [InlineData("/res/Elu_output_0,/res/Add_output_0", "dsl_rescale_s8_s16")]
    public void Mixed_operands_validate_bit_exact_on_the_host(string tensors, string rescale)
    {
        CompiledModel m = ModelCompiler.Requantize(Tiny.Value, tensors.Split(',').ToHashSet(StringComparer.Ordinal), RoundingRule.Single);
        var mixed = m.Program.Light.Steps.OfType<RescaleStep>().Where(r => r.InElementBytes != r.OutElementBytes).Select(r => r.Node).ToHashSet();
        Assert.Contains("/res/Add", mixed);
        Assert.Contains("/res/Elu", mixed);
        Assert.Contains(rescale, StepSummary.Of(m.Program.Light).Select(st => "dsl_" + st.Op));
        Validate(Fixtures.TinyDsl, "--int16", tensors);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Every_eligible_tensor_int16_validates_bit_exact_on_the_dsp_board() =>
        Validate(Fixtures.TinyDsl, "--int16", "all", "--board", "mps2-an386");

    [Fact]
    public void All_makes_every_eligible_activation_int16_and_the_program_uses_int16_kernels()
    {
        CompiledModel m = ModelCompiler.Requantize(Tiny.Value, Eligible(Tiny.Value), RoundingRule.Single);
        Assert.NotEmpty(m.Quantization.Int16Tensors);
        foreach (string t in m.Quantization.Int16Tensors)
        {
            QuantParams q = m.Quantization.Of(t);
            Assert.Equal((2, 0), (q.ElementBytes, q.ZeroPoint));
        }

        IEnumerable<Step> steps = m.Program.Light.Steps.Concat(m.Program.Heavy.Steps);
        Assert.Contains(steps, s => s is ConvStep { Kind: ConvKind.S16S16 });
        Assert.Contains(steps, s => s is AddStep { ElementBytes: 2, LeftShift: 15 });
        Assert.Contains(steps, s => s is CurveStep c && m.Quantization.Int16Tensors.Contains(m.Graph.Nodes.Single(n => n.Name == c.Node).Output));
        Assert.DoesNotContain(steps, s => s is LutStep l && m.Quantization.Int16Tensors.Contains(m.Graph.Nodes.Single(n => n.Name == l.Node).Output));
    }

    [Fact]
    public void The_memory_plan_gives_int16_tensors_two_bytes_and_the_report_says_int16()
    {
        CompiledModel int8 = Tiny.Value;
        CompiledModel int16 = ModelCompiler.Requantize(int8, Eligible(int8), RoundingRule.Single);
        Assert.True(int16.Program.Light.StateBytes > int8.Program.Light.StateBytes, "int16 history buffers take two bytes per value");
        Assert.True(int16.Program.HandoffBytes > int8.Program.HandoffBytes, "the int16 embedding takes two bytes per value in the handoff");

        ModelReport report = ModelReport.From(int16, ConvSpecialisation.None);
        IrGraph g = int16.Graph;
        foreach (LayerReport l in report.Layers)
        {
            string expected = int16.Quantization.Int16Tensors.Contains(l.Output) ? "int16" : int16.Quantization.Of(l.Output).ElementBytes == 2 ? "pcm16" : "int8";
            Assert.Equal(expected, l.OutputType);
        }

        Assert.Contains(report.Layers, l => l.OutputType == "int16");
        Assert.Contains(", int16 |", ReportWriter.ToMarkdown(report));
        Assert.DoesNotContain(", int16 |", ReportWriter.ToMarkdown(ModelReport.From(int8, ConvSpecialisation.None)));
        Assert.True(g.Nodes.Count > 0);
    }

    [Fact]
    public void None_keeps_every_activation_int8_and_the_same_program()
    {
        CompiledModel again = ModelCompiler.Requantize(Tiny.Value, new HashSet<string>(), RoundingRule.Single);
        Assert.Empty(again.Quantization.Int16Tensors);
        Assert.Equal(Summaries(Tiny.Value.Program), Summaries(again.Program));
    }

    [Fact]
    public void The_switch_score_is_refused_with_its_name_and_reason()
    {
        string score = Tiny.Value.Graph.OutputTensor(Tiny.Value.Manifest.SwitchOutput);
        var e = Assert.Throws<DslException>(() => ModelCompiler.Requantize(Tiny.Value, new HashSet<string> { score }, RoundingRule.Single));
        Assert.Equal(DslErrorCode.Quantization, e.Code);
        Assert.Contains($"'{score}'", e.Message);
        Assert.Contains("switch score", e.Message);
    }

    [Fact]
    public void An_unknown_tensor_is_refused_by_name()
    {
        var e = Assert.Throws<DslException>(() => ModelCompiler.Requantize(Tiny.Value, new HashSet<string> { "no_such_tensor" }, RoundingRule.Single));
        Assert.Contains("'no_such_tensor'", e.Message);
    }

    [Fact]
    public void A_tensor_whose_reader_could_overflow_its_accumulator_is_not_eligible()
    {
        // Tiny calibrated range -> tiny int16 scale -> the reader's quantized bias outgrows int32 headroom.
        CompiledModel m = Tiny.Value;
        ConvNode reader = m.Graph.Nodes.OfType<ConvNode>().First(c => !m.Graph.Input.Equals(c.Input, StringComparison.Ordinal) && c.Bias.Any(b => b != 0));
        var q = QuantParams.Int16(-1e-9, 1e-9);
        string? why = ConvQuantizer.Overflow("reader", reader, q);
        Assert.NotNull(why);
        Assert.Contains("overflow its int32 accumulator", why);
        Assert.Null(ConvQuantizer.Overflow("reader", reader, m.Quantization.Of(reader.Input) with { Min = short.MinValue, Max = short.MaxValue, ZeroPoint = 0 }));
    }

    [Fact]
    public void The_elu_curve_is_within_two_lsb_of_the_exact_elu_on_every_int16_input()
    {
        var elu = new Activation(ActivationKind.Elu, 1f);
        QuantParams input = QuantParams.Int16(-6.0, 6.0);
        QuantParams output = QuantParams.Int16(-1.0, 6.0);
        short[] table = CurveBuilder.Build(elu, input, output);
        int worst = 0;
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            double real = input.Dequantize(x);
            int exact = output.Quantize(real > 0 ? real : Math.Exp(real) - 1);
            worst = Math.Max(worst, Math.Abs(CurveBuilder.Evaluate(table, x) - exact));
        }

        Assert.InRange(worst, 0, 2);
    }

    [Theory]
    [InlineData("[\"all\"]", true, null)]
    [InlineData("[\"a\", \"b\"]", false, "a,b")]
    [InlineData("[]", false, "")]
    public void Dsl_json_int16_tensors_is_all_or_a_set_of_names(string json, bool all, string? names)
    {
        string text = File.ReadAllText(Fixtures.TinyDsl);
        int brace = text.IndexOf('{', StringComparison.Ordinal);
        string dir = Directory.CreateTempSubdirectory("dslc-int16-json-").FullName;
        try
        {
            string path = Path.Combine(dir, "dsl.json");
            File.WriteAllText(path, text[..(brace + 1)] + $"\n  \"int16_tensors\": {json}," + text[(brace + 1)..]);
            DslManifest m = DslManifestLoader.Load(path);
            Assert.Equal(all, m.Int16Scope == Int16Scope.All);
            Assert.Equal(names, m.Int16Tensors is null ? null : string.Join(",", m.Int16Tensors.Order(StringComparer.Ordinal)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_manifest_without_int16_tensors_leaves_the_choice_open()
    {
        Assert.Null(Tiny.Value.Manifest.Int16Tensors);
        Assert.Null(Tiny.Value.Manifest.Int16Scope);
        Assert.Empty(Tiny.Value.Quantization.Int16Tensors);
    }

    private static IReadOnlySet<string> Eligible(CompiledModel m) =>
        QuantizationPlan.Int16Candidates(m.Graph, m.Manifest, m.Ranges, m.Quantization.Estimator)
            .Where(c => c.Value is null).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

    private static List<string> Summaries(ModelProgram p) =>
        p.Light.Steps.Concat(p.Heavy.Steps).Select((s, i) => StepSummary.Of(s, i)).Select(s => $"{s.Op} {s.Node} {s.Shape}").ToList();

    private static void Validate(string model, params string[] more)
    {
        string work = Directory.CreateTempSubdirectory("dslc-int16-").FullName;
        try
        {
            DslcProcess.Result r = DslcProcess.Run(["validate", "-m", model, "--work", Path.Combine(work, "w"), "-q", .. more]);
            Assert.True(r.Code == 0, $"{model}: exit {r.Code}\n{r.StdOut}{r.StdErr}");
            Assert.Contains("bit-exact on", r.StdOut);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
