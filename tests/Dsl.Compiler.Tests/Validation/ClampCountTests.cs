using Dsl.Compiler.Analysis;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The golden kernels count clamps where the count is known: a 1x1 conv that doubles every int8 value of
/// -128..127 (scale 1, zero point 0) clamps exactly the 128 inputs whose double leaves [-128, 127]; the policy
/// decides which of them count; counting never changes an output.
/// </summary>
public sealed class ClampCountTests
{
    private const int Q30 = 1 << 30;

    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    // out = clamp(weight * in + zeroPoint): multiplier 2^30 with shift 1 is a scale of exactly 1.
    private static PathProgram Doubling(int actMin = sbyte.MinValue, int zeroPoint = 0, bool rescale = false)
    {
        var steps = new List<Step>
        {
            new ConvStep("double", ConvKind.S8, 1, 1, 1, 1, 1, 1, [2],
                new OutputStage([0], [Q30], [1], zeroPoint, actMin, sbyte.MaxValue, null),
                new BufferSlice(BufferRegion.Input, 0, 256), 256, new BufferSlice(BufferRegion.Arena, 0, 256)),
        };
        if (rescale)
        {
            // 3/4 of the doubled values plus 100: every one above 36 (from the int8 range) leaves it.
            steps.Add(new RescaleStep("shift_up", 0, 3 * (Q30 / 2), 0, 100, new BufferSlice(BufferRegion.Arena, 0, 256), 1, 256, 1,
                new BufferSlice(BufferRegion.Output, 0, 256), 1));
        }

        return new PathProgram(PathKind.Light, steps, 256, 0, []);
    }

    private static byte[] EveryInt8() => Enumerable.Range(-128, 256).Select(v => unchecked((byte)(sbyte)v)).ToArray();

    private static (byte[] Arena, byte[] Output) Run(PathProgram program, ClampCounter? counter)
    {
        var path = new PathInterpreter(program, RoundingRule.Single) { Clamps = counter };
        var output = new byte[256];
        path.RunFrame(EveryInt8(), [], output);
        return ((byte[])path.Arena.Clone(), output);
    }

    private static int Expected(Func<int, bool> clamped) => Enumerable.Range(-128, 256).Count(clamped);

    [Fact]
    public void Every_value_outside_the_kernel_limits_counts_by_default()
    {
        var counter = new ClampCounter();
        Run(Doubling(), counter);
        NodeClamps c = Assert.Single(counter.Counts);
        Assert.Equal("double", c.Node);
        Assert.Equal(256, c.Values);
        Assert.Equal(Expected(x => (2 * x) is < -128 or > 127), c.Clamped);
        Assert.Equal(128, c.Clamped);
    }

    [Fact]
    public void A_relu_clamp_at_the_zero_point_is_not_counted_its_top_clamp_is()
    {
        // ReLU fused with zero point -20: the kernel clamps at -20 below (real 0), which the bounds exclude.
        var counter = new ClampCounter(s => new ClampBounds(int.MinValue, sbyte.MaxValue));
        Run(Doubling(actMin: -20, zeroPoint: -20), counter);
        Assert.Equal(Expected(x => (2 * x) - 20 > 127), Assert.Single(counter.Counts).Clamped);
    }

    [Fact]
    public void Rescale_clamps_count_under_their_own_node_and_plain_copies_are_not_observed()
    {
        var counter = new ClampCounter();
        Run(Doubling(rescale: true), counter);
        Assert.Equal(["double", "shift_up"], counter.Counts.Select(c => c.Node));
        int Doubled(int x) => Math.Clamp(2 * x, -128, 127);
        // Requantize(d * 3/4) + 100, with the single rule's half-up rounding.
        Assert.Equal(Expected(x => (int)Math.Floor((Doubled(x) * 0.75) + 0.5) + 100 > 127), counter.Counts[1].Clamped);
    }

    [Fact]
    public void Counting_does_not_change_any_output()
    {
        (byte[] arena, byte[] output) = Run(Doubling(rescale: true), null);
        (byte[] countedArena, byte[] countedOutput) = Run(Doubling(rescale: true), new ClampCounter());
        Assert.Equal(arena, countedArena);
        Assert.Equal(output, countedOutput);
        Assert.Equal(127, (sbyte)arena[128 + 100]); // 2 * 100 clamped: the program does clamp
    }

    [Fact]
    public void A_flat_activation_beyond_the_limit_makes_its_clamps_harmless_a_linear_one_does_not()
    {
        var kernel = new ClampBounds(sbyte.MinValue, sbyte.MaxValue);
        // Tanh's output range as calibration gives it (a little beyond the values seen).
        QuantParams output = QuantParams.Int8(-1.05, 1.05);

        // Tanh of a pre-activation calibrated to [-6, 6]: tanh(6) and tanh(+inf) are the same int8 code.
        ClampBounds wide = SaturationBounds.TableBounds(new Activation(ActivationKind.Tanh), QuantParams.Int8(-6, 6), output, kernel);
        Assert.Equal(ClampBounds.Never, wide);

        // Calibrated to [-1, 1]: tanh(1) = 0.76, so a value clamped from beyond ~1 loses output: counted from
        // the first code whose tanh quantizes differently from tanh(limit).
        QuantParams narrowPre = QuantParams.Int8(-1, 1);
        ClampBounds narrow = SaturationBounds.TableBounds(new Activation(ActivationKind.Tanh), narrowPre, output, kernel);
        Assert.InRange(narrow.High, 127, 140);
        Assert.Equal(output.Quantize(Math.Tanh(narrowPre.Dequantize(narrow.High))), output.Quantize(Math.Tanh(narrowPre.Dequantize(127))));
        Assert.NotEqual(output.Quantize(Math.Tanh(narrowPre.Dequantize(narrow.High + 1))), output.Quantize(Math.Tanh(narrowPre.Dequantize(127))));

        // ELU: flat (-alpha) far on the negative side, linear on the positive one.
        ClampBounds elu = SaturationBounds.TableBounds(new Activation(ActivationKind.Elu, 1f), QuantParams.Int8(-8, 4), QuantParams.Int8(-1, 4), kernel);
        Assert.Equal(int.MinValue, elu.Low);
        Assert.Equal(127, elu.High);

        // Clip(-0.5, 0.5) after a pre-activation calibrated to [-2, 2]: the clip, not the range, bounds the output.
        ClampBounds clip = SaturationBounds.TableBounds(new Activation(ActivationKind.Clip, -0.5f, 0.5f), QuantParams.Int8(-2, 2), QuantParams.Int8(-0.5, 0.5), kernel);
        Assert.Equal(ClampBounds.Never, clip);
    }

    [Fact]
    public void On_a_compiled_model_relu_excludes_its_zero_clamp_the_switch_score_never_counts_plain_steps_keep_their_limits()
    {
        CompiledModel m = Tiny.Value;
        var bounds = new SaturationBounds(m);
        var nodes = m.Graph.Nodes.ToDictionary(n => n.Name);
        Step[] steps = [.. m.Program.Light.Steps, .. m.Program.Heavy.Steps];
        Activation Act(Step s) => QuantizationPlan.ActivationOf(nodes[s.Node]);

        Step relu = steps.First(s => nodes.ContainsKey(s.Node) && ClampCounter.KernelLimits(s) is not null && Act(s).Kind == ActivationKind.Relu);
        Assert.Equal(new ClampBounds(int.MinValue, ClampCounter.KernelLimits(relu)!.Value.High), bounds.Of(relu));

        string score = m.Graph.OutputTensor(m.Manifest.SwitchOutput);
        Step scoreStep = steps.First(s => nodes.TryGetValue(s.Node, out IrNode? n) && n.Output == score && ClampCounter.KernelLimits(s) is not null);
        Assert.Equal(ClampBounds.Never, bounds.Of(scoreStep));

        ConvStep audio = steps.OfType<ConvStep>().First(s => s.Kind == ConvKind.S8S16);
        Assert.True(bounds.IsAudioOutput(audio.Node));
        Assert.Equal(new ClampBounds(short.MinValue, short.MaxValue), bounds.Of(audio));
    }

    [Fact]
    public void A_final_tanh_counts_its_int16_pre_activation_only_where_tanh_is_not_flat_and_is_no_audio_clip()
    {
        CompiledModel m = ModelCompiler.Compile(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "import_cases", "tanh_out", "dsl.json"), new CompileOptions());
        var bounds = new SaturationBounds(m);
        ConvStep last = m.Program.Heavy.Steps.OfType<ConvStep>().Single(s => s.Kind == ConvKind.S8S16);
        Assert.False(bounds.IsAudioOutput(last.Node));
        Assert.True(bounds.IsPreActivation(last.Node));
        ClampBounds b = bounds.Of(last)!.Value;
        Assert.True(b.High >= short.MaxValue && b.Low <= short.MinValue, $"{b}");
        IrNode node = m.Graph.Nodes.Single(n => n.Name == last.Node);
        QuantParams pre = m.Quantization.StageOutput(node);
        double Out(long v) => Math.Round(Math.Tanh((v - pre.ZeroPoint) * pre.Scale) * 32768.0);
        // Up to High the int16 output equals the limit's; just beyond, it does not (unless tanh is flat to the end).
        Assert.Equal(Out(short.MaxValue), Out(b.High));
        Assert.True(b.High == int.MaxValue || Out(b.High + 1) != Out(short.MaxValue));
    }
}
