using System.Globalization;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// The quantization of every tensor: int16 PCM for the audio input and the path outputs, int16 symmetric for
/// the chosen activation tensors (mixed precision, <see cref="Int16Candidates"/>), int8 asymmetric from
/// calibrated ranges for everything else; plus, for nodes with a fused table activation, the parameters of the
/// values before the activation (int8 before a LUT, int16 before the curve of an int16 output). One range
/// estimator chooses every calibrated range (tensors and pre-activations alike); the rules below hold whatever
/// it chooses.
/// </summary>
public sealed class QuantizationPlan
{
    private readonly Dictionary<string, QuantParams> tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuantParams> preActivation = new(StringComparer.Ordinal);
    private readonly List<string> warnings = [];
    private readonly CalibrationRanges ranges;

    /// <summary>Steps of the int8 grid (256 codes) and of the int16 symmetric grid, for the estimator.</summary>
    private const int Int8Steps = 255;
    private const int Int16Steps = 2 * short.MaxValue;

    public QuantizationPlan(IrGraph graph, DslManifest manifest, CalibrationRanges ranges)
        : this(graph, manifest, ranges, RangeEstimator.Default)
    {
    }

    public QuantizationPlan(IrGraph graph, DslManifest manifest, CalibrationRanges ranges, RangeEstimator estimator)
        : this(graph, manifest, ranges, estimator, new HashSet<string>(StringComparer.Ordinal), Int16Headroom.Default)
    {
    }

    /// <param name="int16Tensors">Activation tensors kept in int16; each must be eligible (<see cref="Int16Candidates"/>).</param>
    /// <param name="headroom">How far an int16 activation's range (and its curve input's) reaches beyond the calibrated one.</param>
    public QuantizationPlan(IrGraph graph, DslManifest manifest, CalibrationRanges ranges, RangeEstimator estimator, IReadOnlySet<string> int16Tensors, Int16Headroom headroom)
    {
        Estimator = estimator;
        Headroom = headroom;
        this.ranges = ranges;
        // Only asked when there is something to check (the candidates run the estimator for int16 on every tensor).
        IReadOnlyDictionary<string, string?> candidates = int16Tensors.Count == 0
            ? new Dictionary<string, string?>()
            : Int16Candidates(graph, manifest, ranges, estimator);
        foreach (string t in int16Tensors.Order(StringComparer.Ordinal))
        {
            if (!candidates.TryGetValue(t, out string? why))
            {
                throw new DslException(DslErrorCode.Quantization, $"{manifest.Path}: int16 tensor '{t}' is not a tensor of the model; name node outputs as report.json lists them (each layer's 'output')");
            }

            if (why is not null)
            {
                throw new DslException(DslErrorCode.Quantization, $"{manifest.Path}: tensor '{t}' cannot be int16: {why}");
            }
        }

        Int16Tensors = new SortedSet<string>(int16Tensors, StringComparer.Ordinal);
        string switchTensor = graph.OutputTensor(manifest.SwitchOutput);
        var pcm = new HashSet<string>(manifest.AudioOutputs.Select(graph.OutputTensor)) { graph.Input };
        foreach (IrTensor t in graph.Tensors)
        {
            if (pcm.Contains(t.Name))
            {
                tensors[t.Name] = QuantParams.Pcm16;
                continue;
            }

            TensorRange r = ranges.Tensor(t.Name);
            if (r.IsEmpty)
            {
                throw new DslException(DslErrorCode.Quantization, $"{manifest.Path}: tensor '{t.Name}' was never computed during calibration; give calibration audio of at least one frame ({graph.FrameSamples} samples)");
            }

            // The switch score's range always contains the threshold, so the int8 compare can trigger.
            (double lo, double hi) = estimator.Estimate(r, Int8Steps);
            if (t.Name == switchTensor)
            {
                (lo, hi) = (Math.Min(lo, manifest.Threshold), Math.Max(hi, manifest.Threshold));
            }

            if (t.Name == switchTensor && ThresholdOutside(manifest, r) is { } warning)
            {
                warnings.Add(warning);
            }

            if (int16Tensors.Contains(t.Name))
            {
                (lo, hi) = estimator.Estimate(r, Int16Steps);
                (lo, hi) = headroom.Widen(lo, hi);
                tensors[t.Name] = QuantParams.Int16(lo, hi);
                continue;
            }

            tensors[t.Name] = QuantParams.Int8(lo, hi);
        }

        foreach (IrNode node in graph.Nodes)
        {
            Activation act = ActivationOf(node);
            if (NeedsLut(act))
            {
                // On an int16 output (audio, or mixed precision) the nonlinearity is an int16 curve (CurveOf), so its input is int16 too.
                TensorRange r = ranges.PreActivationOf(node.Name);
                bool curve = tensors[node.Output].ElementBytes == 2;
                (double lo, double hi) = estimator.Estimate(r, curve ? Int16Steps : Int8Steps);
                // An int16 activation's headroom is worthless if its curve input clamps first; a PCM output's curve
                // input keeps the calibrated range (the output is full scale already).
                (lo, hi) = curve && int16Tensors.Contains(node.Output) ? headroom.Widen(lo, hi) : (lo, hi);
                preActivation[node.Name] = curve ? QuantParams.Int16(lo, hi) : QuantParams.Int8(lo, hi);
            }
        }
    }

    public QuantParams Of(string tensor) => tensors[tensor];

    /// <summary>The activation tensors kept in int16 (mixed precision; the audio tensors are not listed).</summary>
    public IReadOnlySet<string> Int16Tensors { get; }

    /// <summary>
    /// <paramref name="tensor"/>'s values as an operand of <paramref name="elementBytes"/> elements: its own parameters
    /// when it has that type, else parameters of that type over its calibrated range (an add's input rescaled to the
    /// add's precision, a standalone activation's input to its output's).
    /// </summary>
    public QuantParams As(string tensor, int elementBytes)
    {
        QuantParams own = tensors[tensor];
        if (own.ElementBytes == elementBytes)
        {
            return own;
        }

        TensorRange r = ranges.Tensor(tensor);
        (double lo, double hi) = Estimator.Estimate(r, elementBytes == 2 ? Int16Steps : Int8Steps);
        return elementBytes == 2 ? QuantParams.Int16(lo, hi) : QuantParams.Int8(lo, hi);
    }

    /// <summary>
    /// Every tensor of <paramref name="graph"/> -> null when it may be kept in int16, else why not: the audio tensors
    /// are int16 PCM already; the switch score stays int8 (only the routing decision reads it, and it compares int8);
    /// a tensor a (transposed) convolution reads is eligible only when every int32 accumulator of that convolution
    /// provably cannot wrap with int16 input: |bias[o]| + 32768 x sum |w[o]| &lt; 2^31 per output channel (per phase).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Int16Candidates(IrGraph graph, DslManifest manifest, CalibrationRanges ranges, RangeEstimator estimator)
    {
        string switchTensor = graph.OutputTensor(manifest.SwitchOutput);
        var pcm = new HashSet<string>(manifest.AudioOutputs.Select(graph.OutputTensor)) { graph.Input };
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (IrTensor t in graph.Tensors)
        {
            if (pcm.Contains(t.Name))
            {
                result[t.Name] = "it is int16 PCM audio already";
                continue;
            }

            if (t.Name == switchTensor)
            {
                result[t.Name] = "it is the switch score, compared in int8 by the routing decision";
                continue;
            }

            TensorRange r = ranges.Tensor(t.Name);
            if (r.IsEmpty)
            {
                result[t.Name] = "calibration never computed it";
                continue;
            }

            (double lo, double hi) = estimator.Estimate(r, Int16Steps);
            QuantParams q = QuantParams.Int16(lo, hi);
            result[t.Name] = graph.Consumers(t.Name)
                .Where(n => n is ConvNode or ConvTransposeNode)
                .Select(n => ConvQuantizer.Overflow($"its reader '{n.Name}' ({n.Kind})", n, q))
                .FirstOrDefault(why => why is not null);
        }

        return result;
    }

    /// <summary>The estimator that chose the calibrated ranges.</summary>
    public RangeEstimator Estimator { get; }

    /// <summary>How far the int16 activations reach beyond their calibrated ranges.</summary>
    public Int16Headroom Headroom { get; }

    /// <summary>What compiling this model should tell the user (e.g. a threshold no calibration frame reaches).</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>A threshold outside the calibrated scores routes every calibration frame one way (and stretches
    /// the score's int8 range): legal, e.g. to force one path, but never silent.</summary>
    private static string? ThresholdOutside(DslManifest manifest, TensorRange scores)
    {
        if (manifest.Threshold >= scores.Min && manifest.Threshold <= scores.Max)
        {
            return null;
        }

        string side = manifest.Threshold > scores.Max ? "above every" : "below every";
        string effect = manifest.Threshold > scores.Max ? "never routes a calibration frame to" : "routes every calibration frame to";
        return string.Create(CultureInfo.InvariantCulture,
            $"{manifest.Path}: switch.threshold {manifest.Threshold:G6} is {side} score of '{manifest.SwitchOutput}' seen in calibration ({scores.Min:G4} .. {scores.Max:G4}): the switch {effect} the heavy path; choose a threshold inside that range (a Sigmoid output is a probability between 0 and 1), or add calibration audio that reaches it");
    }

    /// <summary>Parameters the node's kernel requantizes to: before the LUT when there is one.</summary>
    public QuantParams StageOutput(IrNode node) =>
        preActivation.TryGetValue(node.Name, out QuantParams? p) ? p : tensors[node.Output];

    /// <summary>The int16 curve that follows the node's kernel when its activation ends on an int16 output; else null.</summary>
    public short[]? CurveOf(IrNode node) =>
        EndsInCurve(node) ? CurveBuilder.Build(ActivationOf(node), preActivation[node.Name], tensors[node.Output]) : null;

    /// <summary>True when the node's activation ends on an int16 output (its kernel writes the int16 pre-activation).</summary>
    public bool EndsInCurve(IrNode node) => NeedsLut(ActivationOf(node)) && tensors[node.Output].ElementBytes == 2;

    /// <summary>Clamp and LUT applied after requantization, for the node's fused activation (the curve, if any, follows).</summary>
    public OutputStageLimits Limits(IrNode node)
    {
        QuantParams output = tensors[node.Output];
        Activation act = ActivationOf(node);
        if (EndsInCurve(node))
        {
            return new OutputStageLimits(short.MinValue, short.MaxValue, null);
        }

        if (NeedsLut(act))
        {
            return new OutputStageLimits(sbyte.MinValue, sbyte.MaxValue, LutBuilder.Build(act, preActivation[node.Name], output));
        }

        int min = act.Kind == ActivationKind.Relu ? Math.Max(output.Min, output.ZeroPoint) : output.Min;
        return new OutputStageLimits(min, output.Max, null);
    }

    public static Activation ActivationOf(IrNode node) => node switch
    {
        ConvNode c => c.Activation,
        ConvTransposeNode u => u.Activation,
        ElementwiseNode e => e.Activation,
        _ => Activation.Identity,
    };

    private static bool NeedsLut(Activation a) => a.Kind is not (ActivationKind.None or ActivationKind.Relu);
}
