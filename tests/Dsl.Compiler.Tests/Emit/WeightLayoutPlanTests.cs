using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Which convolutions get the dsp pairs4 weight layout: only with dsp kernels, only steps it serves, bounded by the
/// core's flash (most output rows first), and what the emitted C and the report then say.
/// </summary>
public sealed class WeightLayoutPlanTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-layout-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static ModelProgram Program => Compiled.Value.Program;

    private static IEnumerable<ConvStep> Candidates =>
        Program.Light.Steps.Concat(Program.Heavy.Steps).Select(TransposedConvAsConv.EmittedConv).OfType<ConvStep>()
            .Where(DspPairedWeights.Fits);

    /// <summary>A single-core dsp board with <paramref name="flash"/> bytes of flash.</summary>
    private static BoardProfile Board(long flash)
    {
        var core = new CoreProfile("m4", "cortex-m4", "fpv4-sp-d16", true, false, 25_000_000, ["-mcpu=cortex-m4"],
            new MemoryRegion(0, (ulong)flash), new MemoryRegion(0x20000000, 1 << 20), KernelVariant.Dsp, "main");
        return new BoardProfile("test", "test", "test", [core], "m4", "m4", null, null, "test.yaml");
    }

    [Fact]
    public void Only_dsp_kernels_get_the_layout_and_without_a_board_every_step_it_serves()
    {
        var dsp = ConvSpecialisation.For(KernelVariant.Dsp);
        Assert.NotEmpty(Candidates);
        Assert.Empty(WeightLayoutPlan.Choose(Program, KernelVariant.Portable, ConvSpecialisation.All, null).Pairs4Nodes);
        Assert.Empty(WeightLayoutPlan.Choose(Program, KernelVariant.Mve, ConvSpecialisation.All, null).Pairs4Nodes);
        var all = WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, null);
        Assert.Equal(Candidates.Select(s => s.Node).Order(StringComparer.Ordinal), all.Pairs4Nodes.Order(StringComparer.Ordinal));
        // only specialised steps have a body for it
        Assert.Empty(WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, ConvSpecialisation.None, null).Pairs4Nodes);
    }

    [Fact]
    public void Flash_bounds_the_choice_and_steps_with_more_rows_come_first()
    {
        var dsp = ConvSpecialisation.For(KernelVariant.Dsp);
        var all = WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, null).Pairs4Nodes;
        Assert.Equal(all, WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, Board(4 << 20)).Pairs4Nodes);
        Assert.Empty(WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, Board(Allowance(Program))).Pairs4Nodes);

        // A flash that holds everything but the last candidate's extra bytes: that one stays int8.
        var ordered = Candidates.OrderByDescending(s => s.OutRows).ThenByDescending(s => (long)s.OutRows * s.Weights.Length)
            .ThenBy(s => s.Node, StringComparer.Ordinal).ToList();
        var needed = Allowance(Program) + ConstantBytes() + ordered.Sum(DspPairedWeights.ExtraBytes);
        var tight = WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, Board(needed - 1)).Pairs4Nodes;
        var last = ordered[^1];
        Assert.DoesNotContain(last.Node, tight);
        Assert.Equal(ordered.Count - 1, tight.Count);
        Assert.Equal(all, WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, Board(needed)).Pairs4Nodes);
    }

    [Fact]
    public void More_output_rows_win_the_flash_then_what_still_fits()
    {
        static ConvStep Conv(string node, int cin, int cout, int kernel, int rows)
        {
            var stage = new OutputStage(new int[cout], new int[cout], new int[cout], 0, -128, 127, null);
            var slice = new BufferSlice(BufferRegion.Arena, 0, 1);
            return new ConvStep(node, ConvKind.S8, cin, cout, kernel, 1, 1, 1, new sbyte[cout * kernel * cin], stage, slice, rows, slice);
        }

        var a = Conv("/a", 192, 192, 1, 1);
        var b = Conv("/b", 16, 24, 3, 8);
        var c = Conv("/c", 8, 8, 8, 40);
        var program = Program with { Light = Program.Light with { Steps = [a, b, c] }, Heavy = Program.Heavy with { Steps = [] } };
        var dsp = ConvSpecialisation.For(KernelVariant.Dsp);
        var constants = new[] { a, b, c }.Sum(s => s.Weights.Length + Stage(s.Stage));
        long Flash(params ConvStep[] widened) => Allowance(program) + constants + widened.Sum(DspPairedWeights.ExtraBytes);
        HashSet<string> Chosen(long flash) => [.. WeightLayoutPlan.Choose(program, KernelVariant.Dsp, dsp, Board(flash)).Pairs4Nodes];

        Assert.Equal(["/a", "/b", "/c"], Chosen(Flash(a, b, c)).Order(StringComparer.Ordinal));
        Assert.Equal(["/b", "/c"], Chosen(Flash(a, b, c) - 1).Order(StringComparer.Ordinal));
        Assert.Equal(["/c"], Chosen(Flash(b, c) - 1).Order(StringComparer.Ordinal));
        // /a alone would fit, but /c and /b (more rows per byte) are taken first and leave too little for it
        Assert.True(DspPairedWeights.ExtraBytes(a) > DspPairedWeights.ExtraBytes(b) + DspPairedWeights.ExtraBytes(c));
        Assert.Equal(["/b", "/c"], Chosen(Flash(a)).Order(StringComparer.Ordinal));
    }

    /// <summary>Code allowance of a single-core board running both paths.</summary>
    private static long Allowance(ModelProgram p) =>
        WeightLayoutPlan.CodeAllowanceBytes + WeightLayoutPlan.StepAllowanceBytes * (p.Light.Steps.Count + p.Heavy.Steps.Count);

    private static long ConstantBytes() => Program.Light.Steps.Concat(Program.Heavy.Steps).Sum(step => step switch
    {
        ConvStep c => c.Weights.Length + Stage(c.Stage),
        ConvTransposeStep t => t.Weights.Length + Stage(t.Stage),
        LutStep => 256L,
        AddStep a => (a.Lut is null ? 0 : 256L) + (a.ConstantB?.Length ?? 0),
        MulStep m => (m.Lut is null ? 0 : 256L) + (m.ConstantB?.Length ?? 0),
        _ => 0L,
    });

    private static long Stage(OutputStage s) => 4L * (s.Bias.Length + s.Multiplier.Length + s.Shift.Length) + (s.Lut is null ? 0 : 256);

    [Fact]
    public void A_pairs4_step_gets_int32_words_and_the_pairs_body_and_the_report_says_so()
    {
        var dsp = ConvSpecialisation.For(KernelVariant.Dsp);
        var plan = WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, dsp, null);
        var step = Candidates.First();
        // the C symbol of a node: lower case, runs of other characters as one '_' (CText.Identifier)
        var sym = System.Text.RegularExpressions.Regex.Replace(step.Node.ToLowerInvariant(), "[^a-z0-9]+", "_").Trim('_');
        CEmitter.Emit(Program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), KernelVariant.Dsp, dsp, plan));
        var path = Program.Light.Steps.Contains(step) ? "light" : "heavy";
        var code = File.ReadAllText(Path.Combine(_work, $"tiny_dsl_{path}.c"));
        var weights = File.ReadAllText(Path.Combine(_work, $"tiny_dsl_weights_{path}.c"));
        Assert.Contains($"const int32_t tiny_dsl_{sym}_w[{DspPairedWeights.WordCount(step)}] = {{", weights);
        Assert.Contains($"    .weights = (const int8_t *)(const void *)tiny_dsl_{sym}_w,", code);
        Assert.Contains("#include \"dsl_runtime/dsl_conv1d_dsp_pairs_body.h\"", code);
        Assert.Contains($"    dsl_conv1d_s8_pairs4_body(&{sym}_params, in, ", code);

        var report = ModelReport.From(Compiled.Value, dsp, plan);
        Assert.Equal("pairs4", report.Layers.Single(l => l.Node == step.Node).WeightLayout);
        Assert.All(report.Layers.Where(l => !plan.Pairs4(l.Node)), l => Assert.Equal("int8", l.WeightLayout));
        Assert.Contains("\"weight_layout\": \"pairs4\"", ReportWriter.ToJson(report));
        Assert.Contains("| specialised | pairs4 |", ReportWriter.ToMarkdown(report));
    }
}
