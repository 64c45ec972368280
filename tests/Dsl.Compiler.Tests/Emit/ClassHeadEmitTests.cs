using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The C of a classifier head (docs/classifier-heads.md): the header's types, macros, labels and argmax; the API
/// driver (tests/fixtures/class_heads/class_api.c: argmax tie rule, labels, gated scores through the static, routed and
/// context calls); every frame of the host build bit-exact with the golden model under both rounding rules, on both
/// fixtures (16 kHz / 5 classes, 8 kHz / 3 classes), with gated and heavy frames in each.
/// </summary>
public sealed class ClassHeadEmitTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string Driver = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "class_heads", "class_api.c");

    private readonly string work = Directory.CreateTempSubdirectory("dsl-class-emit-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private (CompiledModel Model, string Emitted) Emit(string manifest, RoundingRule rounding = RoundingRule.Single)
    {
        CompiledModel model = ModelCompiler.Compile(manifest, new CompileOptions { Rounding = rounding });
        string emitted = Path.Combine(work, $"{model.Program.Name}-{rounding}");
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        return (model, emitted);
    }

    [Fact]
    public void The_header_types_the_scores_and_defines_the_class_macros_labels_and_argmax()
    {
        (CompiledModel model, string emitted) = Emit(Fixtures.TinyGc8k);
        ClassHeadProgram head = model.Program.Classes!;
        string h = File.ReadAllText(Path.Combine(emitted, "tiny_gc_8k.h"));
        Assert.Contains("void tiny_gc_8k_heavy_process(const int8_t handoff[TINY_GC_8K_HANDOFF_BYTES], int8_t heavy_out[TINY_GC_8K_SCORES_CLASSES]);", h);
        Assert.Contains("tiny_gc_8k_decision_t tiny_gc_8k_process(const int16_t in[TINY_GC_8K_FRAME_SAMPLES], int8_t out[TINY_GC_8K_SCORES_CLASSES]);", h);
        Assert.Contains("tiny_gc_8k_decision_t tiny_gc_8k_run(tiny_gc_8k_t *ctx, const int16_t in[TINY_GC_8K_FRAME_SAMPLES], int8_t out[TINY_GC_8K_SCORES_CLASSES]);", h);
        Assert.Contains("void tiny_gc_8k_heavy_run_routed(tiny_gc_8k_t *ctx, const tiny_gc_8k_decision_t *d, int8_t heavy_out[TINY_GC_8K_SCORES_CLASSES]);", h);
        Assert.Contains("#define TINY_GC_8K_SCORES_CLASSES        3\n", h);
        Assert.Contains($"#define TINY_GC_8K_SCORES_ZERO_POINT     ({head.Quant.ZeroPoint})\n", h);
        (int q, int shift) = head.FixedScale;
        Assert.Contains($"#define TINY_GC_8K_SCORES_SCALE_Q        {q}\n", h);
        Assert.Contains($"#define TINY_GC_8K_SCORES_SCALE_SHIFT    {shift}\n", h);
        Assert.Equal(head.Quant.Scale, q / Math.Pow(2, shift), 1e-9 * head.Quant.Scale);
        Assert.Contains("#define TINY_GC_8K_SCORES_NEGATIVE_CLASS (0)", h);
        Assert.Contains("#define TINY_GC_8K_SCORES_CLASS_STOP 2 ", h);
        Assert.Contains("extern const char *const tiny_gc_8k_scores_labels[TINY_GC_8K_SCORES_CLASSES];", h);
        Assert.Contains("int tiny_gc_8k_scores_argmax(const int8_t *scores);", h);
        Assert.DoesNotContain("float", h);
        Assert.Contains("void tiny_gc_8k_scores_gated(int8_t scores[TINY_GC_8K_SCORES_CLASSES]);", h);
        Assert.Contains("#define TINY_GC_8K_CLASS_HEAD           1\n", h);
        Assert.Contains("#define TINY_GC_8K_OUT_VALUES           TINY_GC_8K_SCORES_CLASSES\n", h);
        Assert.Contains("typedef int8_t tiny_gc_8k_out_t;", h);
        // with the light path: the light core of a two-core board assembles the routed scores
        string light = File.ReadAllText(Path.Combine(emitted, "tiny_gc_8k_light.c"));
        Assert.Contains("\"silence\",\n    \"go\",\n    \"stop\",", light);
        Assert.Contains("void tiny_gc_8k_scores_gated(int8_t scores[TINY_GC_8K_SCORES_CLASSES])", light);
        Assert.DoesNotContain("_labels[", File.ReadAllText(Path.Combine(emitted, "tiny_gc_8k_model.c")));
        string generic = File.ReadAllText(Path.Combine(emitted, "dsl_model.h"));
        Assert.Contains("#define DSL_MODEL_OUT_VALUES TINY_GC_8K_SCORES_CLASSES", generic);
        Assert.Contains("typedef int8_t dsl_model_out_t;", generic);
    }

    [Fact]
    public void Int16_scores_are_int16_t_with_int16_extremes_for_a_gated_frame()
    {
        CompiledModel model = ModelCompiler.Compile(Fixtures.TinyGc8k, new CompileOptions { Int16Tensors = new HashSet<string>(["scores"]) });
        Assert.Equal(2, model.Program.Classes!.ElementBytes);
        Assert.Equal([32767, -32768, -32768], model.Program.Classes.GatedScores());
        string emitted = Path.Combine(work, "int16");
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        Assert.Contains("int16_t heavy_out[TINY_GC_8K_SCORES_CLASSES]", File.ReadAllText(Path.Combine(emitted, "tiny_gc_8k.h")));
        AssertBitExact(model, emitted);
    }

    [Fact]
    public void The_api_driver_passes_argmax_labels_and_gated_scores_checks()
    {
        (CompiledModel model, string emitted) = Emit(Fixtures.TinyGc);
        ModelFolder folder = ModelFolder.Load(emitted, model.Program.Name);
        string exe = Path.Combine(work, "class_api");
        GccCompiler.Host.Compile(new CompileRequest(
            [Driver, .. folder.LightSources, .. folder.HeavySources, .. folder.SingleCoreSources, .. folder.RuntimeSources(KernelVariant.Portable)],
            folder.IncludeDirs(), [], [.. BuildPlanner.CommonCFlags, "-Werror"], [], exe));
        RunResult run = HostRunner.Run(exe, [], TimeSpan.FromMinutes(1));
        Assert.True(run.Outcome == QemuOutcome.Passed, run.Describe());
        Assert.Equal("ok\n", run.Process.StdOut);
    }

    [Theory]
    [InlineData("tiny_gc", RoundingRule.Single)]
    [InlineData("tiny_gc", RoundingRule.Tflite)]
    [InlineData("tiny_gc_8k", RoundingRule.Single)]
    [InlineData("tiny_gc_8k", RoundingRule.Tflite)]
    public void Host_build_is_bit_exact_with_the_golden_model(string fixture, RoundingRule rounding)
    {
        (CompiledModel model, string emitted) = Emit(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", fixture, "dsl.json"), rounding);
        AssertBitExact(model, emitted);
    }

    private void AssertBitExact(CompiledModel model, string emitted)
    {
        string clip = Path.Combine(Path.GetDirectoryName(model.Manifest.Path)!, "test", "synth.wav");
        ClipValidation r = Assert.Single(ModelValidator.Run(model, emitted, [clip], null, Path.Combine(work, "build-" + Path.GetFileName(emitted)), _ => { }));
        Assert.True(r.Comparison.BitExact, r.Failure);
        // Gated and heavy frames both occur, and the trace carries the scores (C values, not frame samples).
        Assert.Contains(r.Trace, f => f.Route == 0);
        Assert.Contains(r.Trace, f => f.Route == 1);
        Assert.All(r.Trace, f => Assert.Equal(model.Program.Classes!.Count, f.Process.Out.Length));
        Assert.All(r.Trace.Where(f => f.Route == 0), f => Assert.Equal(model.Program.Classes!.GatedScores(), f.Process.Out.Select(v => (int)v)));
        log.WriteLine($"{model.Program.Name} ({model.Program.Rounding}): {r.Trace.Count} frames, {r.Trace.Count(f => f.Route == 1)} heavy, bit-exact");
    }
}
