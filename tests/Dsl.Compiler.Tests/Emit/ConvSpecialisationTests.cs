using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>Which convolution steps get code specialised to their shape, where the report says so and what the C calls.</summary>
public sealed class ConvSpecialisationTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-spec-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Portable_rule_picks_the_convolutions_with_at_most_8_channels_and_every_transposed_one_on_the_tiny_fixture()
    {
        var program = Compiled.Value.Program;
        var rule = ConvSpecialisation.For(KernelVariant.Portable);
        var picked = program.Light.Steps.Concat(program.Heavy.Steps).Where(rule.Applies).Select(s => s.Node);
        Assert.Equal(
        [
            "/inp/conv/Conv", "/res/a/conv/Conv", "/res/b/Conv", "/down1/conv/Conv", "/down2/conv/Conv", "/sw1/Conv",
            "/sw2/conv/Conv", "/l_up1/conv/ConvTranspose", "/l_up2/conv/ConvTranspose", "/l_out/conv/Conv",
            "/h_up1/conv/ConvTranspose", "/h_res/a/conv/Conv", "/h_res/b/Conv", "/h_up2/conv/ConvTranspose",
            "/h_side/conv/Conv", "/h_out/conv/Conv",
        ], picked);

        // The wider convolution (8 -> 12) keeps the library kernel, the wider transposed one (12 -> 8) does not; a lower
        // threshold drops the 8-channel convolutions, not the transposed ones; threshold 0 drops everything.
        var linear = program.Heavy.Steps.OfType<ConvStep>().Single(s => s.Node == "/h_lin/MatMul");
        Assert.Equal((8, 12), (linear.InChannels, linear.OutChannels));
        Assert.False(rule.Applies(linear));
        Assert.True(new ConvSpecialisation(12).Applies(linear));
        var up = program.Heavy.Steps.OfType<ConvTransposeStep>().Single(s => s.Node == "/h_up1/conv/ConvTranspose");
        Assert.Equal((12, 8), (up.InChannels, up.OutChannels));
        Assert.True(rule.Applies(up));
        Assert.True(new ConvSpecialisation(1).Applies(up));
        Assert.False(ConvSpecialisation.None.Applies(up));
        // Helium and dsp: every convolution.
        Assert.Equal(ConvSpecialisation.All, ConvSpecialisation.For(KernelVariant.Mve));
        Assert.All(program.Light.Steps.Concat(program.Heavy.Steps).Where(s => s is ConvStep or ConvTransposeStep),
            s => Assert.True(ConvSpecialisation.For(KernelVariant.Mve).Applies(s), s.Node));
        Assert.Equal(ConvSpecialisation.All, ConvSpecialisation.For(KernelVariant.Dsp));
        Assert.True(ConvSpecialisation.For(KernelVariant.Dsp).Applies(linear with { InChannels = 192, OutChannels = 192 }));
        var down2 = program.Light.Steps.OfType<ConvStep>().Single(s => s.Node == "/down2/conv/Conv");
        Assert.False(new ConvSpecialisation(4).Applies(down2));
        Assert.DoesNotContain(program.Light.Steps.Concat(program.Heavy.Steps).Where(s => s is not (ConvStep or ConvTransposeStep)),
            s => new ConvSpecialisation(int.MaxValue).Applies(s));
    }

    [Fact]
    public void Report_names_the_specialised_layers()
    {
        var rule = ConvSpecialisation.For(KernelVariant.Portable);
        var report = ModelReport.From(Compiled.Value, rule);
        var program = Compiled.Value.Program;
        var expected = program.Light.Steps.Concat(program.Heavy.Steps).Where(rule.Applies)
            .Select(s => s.Node).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), report.Layers.Where(l => l.Specialised).Select(l => l.Node).Order(StringComparer.Ordinal));
        Assert.Contains("\"specialised\": true", ReportWriter.ToJson(report));
        Assert.Contains("| `/h_lin/MatMul` | Conv | heavy | 12 x 1 | 96 | 108 | 240 | library |", ReportWriter.ToMarkdown(report));
        Assert.Contains("| `/inp/conv/Conv` | Conv+Elu(1) | light | 4 x 32 | 896 | 32 | 332 | specialised |", ReportWriter.ToMarkdown(report));
        Assert.Contains("a transposed convolution or a convolution with at most 8 input and output channels", ReportWriter.ToMarkdown(report));
        Assert.DoesNotContain("\"specialised\": true", ReportWriter.ToJson(ModelReport.From(Compiled.Value, ConvSpecialisation.None)));
        var all = ReportWriter.ToMarkdown(ModelReport.From(Compiled.Value, ConvSpecialisation.All));
        Assert.Contains("| `/h_lin/MatMul` | Conv | heavy | 12 x 1 | 96 | 108 | 240 | specialised |", all);
        Assert.Contains("`specialised` is any convolution, compiled", all);
    }

    [Fact]
    public void Dsp_steps_instantiate_the_dsp_skeleton_and_link_no_library_convolution()
    {
        var program = Compiled.Value.Program;
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), KernelVariant.Dsp));
        var heavy = File.ReadAllText(Path.Combine(_work, "tiny_dsl_heavy.c"));

        // The 8 -> 12 layer (the library kernel with portable rules) is a function of its own on the dsp skeleton.
        Assert.Contains("#define DSL_DOT(f) dsl_dsp_##f\n#include \"dsl_runtime/dsl_conv1d_dsp_body.h\"", heavy);
        // Its transposed convs (dilation 1, kernel a multiple of the stride) are emitted as their equivalent convolution.
        Assert.Matches(@"dsl_conv1d_s8(_pairs4)?_body\(&h_up1_conv_convtranspose_params, in, ", heavy);
        Assert.DoesNotContain("dsl_conv_transpose1d_body.h", heavy);
        Assert.DoesNotContain("dsl_conv1d_body.h", heavy);
        Assert.Contains("    dsl_conv1d_s8_body(&h_lin_matmul_params, in, ", heavy);
        Assert.DoesNotContain("dsl_conv1d_s8(&", heavy);
        var runtime = Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.c").Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("dsl_conv1d_s8.c", runtime);
        Assert.DoesNotContain("dsl_conv_transpose1d_s8.c", runtime);
        Assert.Contains("dsl_conv1d_dsp_body.h", Directory.GetFiles(Path.Combine(_work, "dsl_runtime")).Select(Path.GetFileName));
    }

    [Fact]
    public void Helium_steps_instantiate_the_mve_conv1d_skeleton_and_need_no_library_convolution()
    {
        var program = Compiled.Value.Program;
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), KernelVariant.Mve));
        var light = File.ReadAllText(Path.Combine(_work, "tiny_dsl_light.c"));
        var heavy = File.ReadAllText(Path.Combine(_work, "tiny_dsl_heavy.c"));

        // conv1d steps use the Helium skeleton (blocks of 4 outputs, vector output stage), and so do the transposed
        // convs emitted as their equivalent convolution.
        Assert.Contains("#define DSL_DOT(f) dsl_mve_##f\n#include \"dsl_runtime/dsl_conv1d_mve_body.h\"", light);
        Assert.Contains("    dsl_conv1d_s8_body(&h_up1_conv_convtranspose_params, in, ", heavy);
        Assert.DoesNotContain("dsl_conv1d_body.h\"", light + heavy);
        Assert.Contains("    h_lin_matmul_step(", heavy);
        var runtime = Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.c").Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(runtime, f => f!.StartsWith("dsl_conv", StringComparison.Ordinal));
        Assert.Contains("dsl_conv1d_mve_body.h", Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.h").Select(Path.GetFileName));
        Assert.Contains("`specialised` is any convolution", ReportWriter.ToMarkdown(ModelReport.From(Compiled.Value, ConvSpecialisation.All)));
    }

    [Fact]
    public void A_specialised_step_calls_its_own_function_and_the_rest_the_library_kernel()
    {
        var program = Compiled.Value.Program;
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c")));
        var light = File.ReadAllText(Path.Combine(_work, "tiny_dsl_light.c"));
        var heavy = File.ReadAllText(Path.Combine(_work, "tiny_dsl_heavy.c"));

        // The first layer (int16 in, 1 -> 4, k7, Elu fused): a function passing the shape and its output stage's
        // form as constants, called once.
        Assert.Contains("DSL_HOT DSL_STEP_NOINLINE static void inp_conv_conv_step(const int16_t *in, int8_t *out)\n{\n"
                        + "    dsl_conv1d_s16_s8_body(&inp_conv_conv_params, in, 32, out, 1, 4, 7, 1, 1, 1,\n"
                        + "        DSL_STAGE_SHORTCUT | DSL_STAGE_LUT | DSL_STAGE_INT8_RANGE | DSL_STAGE_ZP_IN_ROUND);\n}\n", light);
        Assert.Contains("    inp_conv_conv_step(", light);
        Assert.Contains("#define DSL_DOT(f) dsl_##f\n#include \"dsl_runtime/dsl_conv1d_body.h\"", light);
        Assert.DoesNotContain("dsl_conv1d_s8(&", light);

        // The 8 -> 12 layer calls the library kernel, whose source is copied; the 12 -> 8 transposed conv has its own
        // function; the int16 in / out and transposed layers are all specialised, so those kernels are not copied.
        Assert.Contains("    dsl_conv1d_s8(&h_lin_matmul_params, ", heavy);
        Assert.Contains("    h_up1_conv_convtranspose_step(", heavy);
        Assert.DoesNotContain("h_lin_matmul_step", heavy);
        var runtime = Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.c").Select(Path.GetFileName).ToList();
        Assert.Contains("dsl_conv1d_s8.c", runtime);
        Assert.DoesNotContain("dsl_conv_transpose1d_s8.c", runtime);
        Assert.DoesNotContain("dsl_conv1d_s16_s8.c", runtime);
        Assert.DoesNotContain("dsl_conv1d_s8_s16.c", runtime);
    }
}
