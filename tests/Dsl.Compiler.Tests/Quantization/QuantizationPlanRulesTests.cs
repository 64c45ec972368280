using Dsl.Compiler.Audio;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Tests.Quantization;

/// <summary>
/// What holds whatever the estimator chooses: ranges contain 0, the switch range contains the threshold,
/// pre-activations (LUT and int16 curve) use the estimator too, PCM tensors keep int16 PCM. Shown with an
/// estimator that answers a range holding neither 0 nor the threshold.
/// </summary>
public sealed class QuantizationPlanRulesTests
{
    /// <summary>Always [-2, -1]: no zero, and below the (positive) thresholds of the fixtures.</summary>
    private sealed class NegativeRangeEstimator : RangeEstimator
    {
        public HashSet<int> Levels { get; } = [];

        public override string Name => "negative";

        public override (double Lo, double Hi) Estimate(TensorRange observed, int levels)
        {
            Levels.Add(levels);
            return (-2.0, -1.0);
        }
    }

    private static string ImportCase(string name) => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "import_cases", name, "dsl.json");

    private static (IrGraph Graph, DslManifest Manifest, QuantizationPlan Plan) Plan(string manifestPath, RangeEstimator estimator)
    {
        (DslManifest manifest, IrGraph graph, _) = ModelCompiler.Analyze(manifestPath);
        var clips = ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration")
            .Select(f => (Path.GetFileName(f), WavFile.ReadMono16(f, manifest.SampleRate))).ToList();
        CalibrationRanges ranges = Calibrator.Run(graph, clips);
        return (graph, manifest, new QuantizationPlan(graph, manifest, ranges, estimator));
    }

    [Fact]
    public void Every_int8_range_contains_zero_and_the_estimated_range()
    {
        (IrGraph graph, _, QuantizationPlan plan) = Plan(Fixtures.TinyDsl, new NegativeRangeEstimator());
        foreach (QuantParams q in graph.Tensors.Select(t => plan.Of(t.Name)).Where(q => q.ElementBytes == 1))
        {
            Assert.True(q.Dequantize(q.Max) >= -q.Scale / 2, $"range [{q.Dequantize(q.Min)}, {q.Dequantize(q.Max)}] misses 0");
            Assert.True(q.Dequantize(q.Min) <= -2.0 + (q.Scale / 2), $"range [{q.Dequantize(q.Min)}, {q.Dequantize(q.Max)}] misses -2");
        }
    }

    [Fact]
    public void The_switch_range_contains_the_threshold()
    {
        (IrGraph graph, DslManifest manifest, QuantizationPlan plan) = Plan(Fixtures.TinyDsl, new NegativeRangeEstimator());
        Assert.True(manifest.Threshold > 0, "the fixture's threshold lies outside [-2, 0]");
        QuantParams q = plan.Of(graph.OutputTensor(manifest.SwitchOutput));
        Assert.True(q.Dequantize(q.Max) >= manifest.Threshold - (q.Scale / 2), $"switch range ends at {q.Dequantize(q.Max)}, threshold {manifest.Threshold}");
    }

    [Fact]
    public void Pcm_tensors_keep_int16_pcm()
    {
        (IrGraph graph, DslManifest manifest, QuantizationPlan plan) = Plan(Fixtures.TinyDsl, new NegativeRangeEstimator());
        Assert.Equal(QuantParams.Pcm16, plan.Of(graph.Input));
        foreach (string output in manifest.LightOutputs.Concat(manifest.HeavyOutputs))
        {
            Assert.Equal(QuantParams.Pcm16, plan.Of(graph.OutputTensor(output)));
        }
    }

    [Fact]
    public void Lut_pre_activations_use_the_estimator()
    {
        var estimator = new NegativeRangeEstimator();
        (IrGraph graph, _, QuantizationPlan plan) = Plan(Fixtures.TinyDsl, estimator);
        ConvNode elu = graph.Nodes.OfType<ConvNode>().First(c => c.Activation.Kind == ActivationKind.Elu && plan.Of(c.Output).ElementBytes == 1);
        Assert.Equal(QuantParams.Int8(-2.0, -1.0), plan.StageOutput(elu));
        Assert.Equal([255], estimator.Levels);
    }

    [Fact]
    public void The_int16_curve_pre_activation_uses_the_estimator_with_int16_steps()
    {
        var estimator = new NegativeRangeEstimator();
        (IrGraph graph, DslManifest manifest, QuantizationPlan plan) = Plan(ImportCase("tanh_out"), estimator);
        IrNode last = graph.Nodes.Single(n => n.Output == graph.OutputTensor(manifest.HeavyOutputs[0]));
        Assert.True(plan.EndsInCurve(last));
        Assert.Equal(QuantParams.Int16(-2.0, -1.0), plan.StageOutput(last));
        Assert.Contains(2 * short.MaxValue, estimator.Levels);
    }

    [Fact]
    public void Minmax_quantizes_every_int8_tensor_over_its_observed_range()
    {
        (DslManifest manifest, IrGraph graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        var clips = ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration")
            .Select(f => (Path.GetFileName(f), WavFile.ReadMono16(f, manifest.SampleRate))).ToList();
        CalibrationRanges ranges = Calibrator.Run(graph, clips);
        var plan = new QuantizationPlan(graph, manifest, ranges, new MinMaxEstimator());
        string switchTensor = graph.OutputTensor(manifest.SwitchOutput);
        int checkedTensors = 0;
        foreach (IrTensor t in graph.Tensors.Where(t => t.Name != switchTensor && plan.Of(t.Name).ElementBytes == 1))
        {
            TensorRange r = ranges.Tensor(t.Name);
            Assert.Equal(QuantParams.Int8(r.Min, r.Max), plan.Of(t.Name));
            checkedTensors++;
        }

        Assert.True(checkedTensors > 3);
    }
}
