using Dsl.Compiler.Golden;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Validation;

/// <summary>
/// Which clamps of a compiled model are saturations (<see cref="ClampCounter"/>): a value the output stage
/// clamps at the tensor's calibrated limits, unless the clamp is the fused activation's own work:
/// <list type="bullet">
/// <item>ReLU: the low clamp is at the zero point (real 0), i.e. the ReLU itself: never counted; the high one is.</item>
/// <item>a table activation (LUT, or the int16 curve on an int16 output): the stage clamps the pre-activation; a
/// clamped value counts only when the activation's output for it, in the output's codes before their own clamp,
/// differs from the output at the limit (Tanh, Sigmoid, Clip flat beyond the range lose nothing; ELU's linear
/// side does).</item>
/// <item>no activation: every clamp counts; on an audio output that is the int16 full scale (clipped audio).</item>
/// </list>
/// The switch score, when nothing but the routing decision reads it, never counts: its range always holds the
/// threshold, so a clamped score falls on the same side of it. Rescales (concat, slice, an operand or input
/// changing precision) count every clamp at their output type's range.
/// </summary>
public sealed class SaturationBounds
{
    private readonly CompiledModel model;
    private readonly Dictionary<string, IrNode> nodes;
    private readonly Dictionary<Step, ClampBounds?> cache = new(ReferenceEqualityComparer.Instance);
    private readonly string? decisionOnly;
    private readonly HashSet<string> audioOutputs;

    public SaturationBounds(CompiledModel model)
    {
        this.model = model;
        nodes = model.Graph.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        string score = model.Graph.OutputTensor(model.Manifest.SwitchOutput);
        decisionOnly = model.Graph.Consumers(score).Any() ? null : score;
        audioOutputs = model.Manifest.AudioOutputs.Select(model.Graph.OutputTensor).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A counter with these bounds.</summary>
    public ClampCounter NewCounter() => new(Of);

    /// <summary>The bounds of one step; null: the step's own clamp limits.</summary>
    public ClampBounds? Of(Step step)
    {
        if (!cache.TryGetValue(step, out ClampBounds? b))
        {
            b = Compute(step);
            cache[step] = b;
        }

        return b;
    }

    /// <summary>A counter's counts as tensors, with what kind of clamp each is.</summary>
    public IReadOnlyList<TensorClamps> Tensors(ClampCounter counter) =>
        counter.Counts.Select(c => new TensorClamps(TensorOf(c.Node), c.Node, c.Values, c.Clamped, IsAudioOutput(c.Node), IsPreActivation(c.Node))).ToList();

    /// <summary>The tensor a node's clamps are reported under: its output (the node's name when not in the graph).</summary>
    public string TensorOf(string node) => nodes.TryGetValue(node, out IrNode? n) ? n.Output : node;

    /// <summary>True when the node writes an audio output without a curve after it: its clamps clip the audio.</summary>
    public bool IsAudioOutput(string node) =>
        nodes.TryGetValue(node, out IrNode? n) && audioOutputs.Contains(n.Output) && !model.Quantization.EndsInCurve(n);

    /// <summary>True when the node's clamps are on the values before its table activation.</summary>
    public bool IsPreActivation(string node) =>
        nodes.TryGetValue(node, out IrNode? n) && QuantizationPlan.ActivationOf(n).Kind is not (ActivationKind.None or ActivationKind.Relu);

    private ClampBounds? Compute(Step step)
    {
        if (ClampCounter.KernelLimits(step) is not { } kernel || step is RescaleStep || !nodes.TryGetValue(step.Node, out IrNode? node))
        {
            return null;
        }

        if (node.Output == decisionOnly)
        {
            return ClampBounds.Never;
        }

        Activation act = QuantizationPlan.ActivationOf(node);
        return act.Kind switch
        {
            ActivationKind.None => kernel,
            ActivationKind.Relu => kernel with { Low = int.MinValue },
            _ => TableBounds(act, model.Quantization.StageOutput(node), model.Quantization.Of(node.Output), kernel),
        };
    }

    /// <summary>The bounds of a stage clamped at <paramref name="kernel"/> before a table activation: beyond each limit,
    /// the values whose activation output (in <paramref name="output"/>'s codes, before its clamp) equals the limit's do not count.</summary>
    // The activations are monotone (a PReLU slope may be negative: then only the limits themselves are sure), so
    // the values beyond a limit that give the limit's output form one interval, found by bisection.
    public static ClampBounds TableBounds(Activation act, QuantParams pre, QuantParams output, ClampBounds kernel)
    {
        if (act.Kind == ActivationKind.LeakyRelu && act.Alpha < 0)
        {
            return kernel;
        }

        // The output code before the output's own clamp (a clamp there is the same saturation, one tensor on), in
        // long arithmetic (QuantParams.Dequantize's int subtraction would wrap at the int32 ends).
        long Out(long v) =>
            (long)Math.Clamp(Math.Round(LutBuilder.Apply(act, (v - pre.ZeroPoint) * pre.Scale) / output.Scale, MidpointRounding.AwayFromZero), -1e12, 1e12)
            + output.ZeroPoint;
        long high = Farthest(kernel.High, +1, Out);
        long low = Farthest(kernel.Low, -1, Out);
        return new ClampBounds((int)low, (int)high);
    }

    // The farthest value from the limit (towards direction) whose output equals the limit's.
    private static long Farthest(int limit, int direction, Func<long, long> output)
    {
        long atLimit = output(limit);
        long end = direction > 0 ? int.MaxValue : int.MinValue;
        if (output(end) == atLimit)
        {
            return end;
        }

        long same = limit, differs = end;
        while (Math.Abs(differs - same) > 1)
        {
            long mid = same + ((differs - same) / 2);
            if (output(mid) == atLimit)
            {
                same = mid;
            }
            else
            {
                differs = mid;
            }
        }

        return same;
    }
}
