using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Convolutions with int16 activations (the tiny model with every eligible tensor int16): specialised like int8 ones,
/// their transposed convolutions emitted as convolutions of the same kind, and on dsp the pairs4s16 weights with the
/// int16-input pairs body; no library convolution is linked. Bit-exactness of that C: MixedPrecisionTests and
/// <c>dslc validate --int16 all</c> on the boards; the layout's arithmetic: DspPairedWeightsTests.
/// </summary>
public sealed class Int16ConvEmissionTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled =
        new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions { Int16Scope = Int16Scope.All }));

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-int16-conv-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static IEnumerable<Step> Steps(ModelProgram p) => p.Light.Steps.Concat(p.Heavy.Steps);

    [Fact]
    public void Int16_convolutions_and_their_transposed_ones_as_convolutions_are_specialised()
    {
        var program = Compiled.Value.Program;
        var int16Convs = Steps(program).OfType<ConvStep>().Where(s => s.Kind == ConvKind.S16S16).ToList();
        Assert.NotEmpty(int16Convs);
        Assert.All(int16Convs, s => Assert.True(ConvSpecialisation.All.Applies(s), s.Node));
        var int16Up = Steps(program).OfType<ConvTransposeStep>().Where(s => s.Kind != ConvKind.S8).ToList();
        Assert.NotEmpty(int16Up);
        Assert.All(int16Up, s =>
        {
            Assert.True(TransposedConvAsConv.Applies(s), s.Node);
            Assert.True(ConvSpecialisation.All.Applies(s), s.Node);
            Assert.Equal(s.Kind, TransposedConvAsConv.Equivalent(s).Kind);
        });

        // A transposed conv with an int16 side that has no dense equivalent keeps its library kernel.
        var odd = int16Up[0] with { Kernel = int16Up[0].Stride + 1 };
        Assert.False(ConvSpecialisation.All.Applies(odd));
        Assert.True(ConvSpecialisation.All.Applies(odd with { Kind = ConvKind.S8 }));
        Assert.False(ConvSpecialisation.None.Applies(int16Convs[0]));
    }

    [Fact]
    public void Dsp_int16_steps_use_the_pairs4s16_body_and_link_no_library_convolution()
    {
        var program = Compiled.Value.Program;
        var layout = WeightLayoutPlan.Choose(program, KernelVariant.Dsp, ConvSpecialisation.All, board: null);
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), KernelVariant.Dsp, Layout: layout));
        var code = File.ReadAllText(Path.Combine(_work, "tiny_dsl_light.c")) + File.ReadAllText(Path.Combine(_work, "tiny_dsl_heavy.c"));

        Assert.Contains("#define DSL_CONV1D_BODY dsl_conv1d_s16_s16_pairs4_body\n#define DSL_CONV1D_OUT int16_t\n"
                        + "#define DSL_CONV1D_STORE dsl_stage_s16\n#define DSL_CONV1D_16X8\n", code);
        // h_up2 (transposed, int16 in and out, 6 output channels: a padded block) on the pairs4s16 words
        Assert.Matches(@"dsl_conv1d_s16_s16_pairs4_body\(&h_up2_conv_convtranspose_params, in, ", code);
        Assert.DoesNotContain("dsl_conv1d_s16_s16(&", code);
        Assert.DoesNotContain("dsl_conv_transpose1d_s16_s16(&", code);
        var runtime = Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.c").Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(runtime, f => f!.StartsWith("dsl_conv", StringComparison.Ordinal));
        Assert.Contains("dsl_kernel_dsp_pairs16.h", Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.h").Select(Path.GetFileName));
    }

    [Fact]
    public void Helium_int16_steps_instantiate_the_mve_skeleton_with_int16_input()
    {
        var program = Compiled.Value.Program;
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), KernelVariant.Mve));
        var heavy = File.ReadAllText(Path.Combine(_work, "tiny_dsl_heavy.c"));

        Assert.Contains("#define DSL_CONV1D_BODY dsl_conv1d_s16_s16_body\n#define DSL_CONV1D_OUT int16_t\n"
                        + "#define DSL_CONV1D_STORE dsl_stage_s16\n#define DSL_CONV1D_16X8\n#define DSL_DOT(f) dsl_mve_##f\n"
                        + "#include \"dsl_runtime/dsl_conv1d_mve_body.h\"", heavy);
        Assert.Contains("    dsl_conv1d_s16_s16_body(&h_up2_conv_convtranspose_params, in, ", heavy);
        Assert.DoesNotContain("pairs4", heavy);
        var runtime = Directory.GetFiles(Path.Combine(_work, "dsl_runtime"), "*.c").Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(runtime, f => f!.StartsWith("dsl_conv", StringComparison.Ordinal));
    }
}
