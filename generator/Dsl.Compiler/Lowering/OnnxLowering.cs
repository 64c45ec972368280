using System.Globalization;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Onnx;

namespace Dsl.Compiler.Lowering;

/// <summary>
/// Turns an imported ONNX graph (compute ops only, shapes traced for a whole clip) into the
/// streamed IR. Layout ops (Transpose, Reshape, Squeeze, Unsqueeze) become aliases, MatMul/Gemm
/// over channels become 1x1 convolutions, Pad and time Slice become Pad/Crop nodes that later
/// passes fold into convolutions. Anything that is not "channels x time" is refused with the node.
/// </summary>
public sealed class OnnxLowering
{
    private readonly OnnxGraph onnx;
    private readonly int frameSamples;
    private readonly int traceFrames;
    private readonly Dictionary<string, LoweredValue> values = new(StringComparer.Ordinal);
    private readonly List<IrTensor> tensors = new();
    private readonly List<IrNode> nodes = new();

    private OnnxLowering(OnnxGraph onnx, int frameSamples, int traceFrames)
    {
        this.onnx = onnx;
        this.frameSamples = frameSamples;
        this.traceFrames = traceFrames;
    }

    public static IrGraph Lower(OnnxGraph onnx, string audioInput, int frameSamples, int traceFrames)
    {
        var lowering = new OnnxLowering(onnx, frameSamples, traceFrames);
        return lowering.Run(audioInput);
    }

    private IrGraph Run(string audioInput)
    {
        if (!onnx.Inputs.Contains(audioInput))
        {
            throw new DslException(DslErrorCode.Manifest, $"{onnx.SourcePath}: the model has no input '{audioInput}' (inputs: {string.Join(", ", onnx.Inputs)})");
        }

        long[] inShape = onnx.Shapes[audioInput];
        if (inShape.Length != 3 || inShape[0] != 1 || inShape[1] != 1)
        {
            throw new DslException(DslErrorCode.Model, $"{onnx.SourcePath}: input '{audioInput}' must be mono audio [1, 1, T], found [{string.Join(", ", inShape)}]");
        }

        AddTensor(audioInput, 1, inShape[2]);
        values[audioInput] = new LoweredValue(audioInput, TensorLayout.ChannelsTime, inShape);

        foreach (OnnxNode node in onnx.Nodes)
        {
            LowerNode(node);
        }

        foreach (string output in onnx.Outputs)
        {
            if (!values.ContainsKey(output))
            {
                throw new DslException(DslErrorCode.Model, $"{onnx.SourcePath}: output '{output}' is a constant or not computed from the audio input");
            }
        }

        // Layout ops are aliases, so a graph output may name an earlier tensor.
        var outputMap = onnx.Outputs.ToDictionary(o => o, o => values[o].Tensor, StringComparer.Ordinal);
        return new IrGraph(audioInput, frameSamples, traceFrames, tensors, nodes, outputMap);
    }

    private void LowerNode(OnnxNode node)
    {
        switch (node.OpType)
        {
            case "Conv": LowerConv(node); break;
            case "ConvTranspose": LowerConvTranspose(node); break;
            case "Relu": LowerActivation(node, new Activation(ActivationKind.Relu)); break;
            case "Elu": LowerActivation(node, new Activation(ActivationKind.Elu, node.GetFloat("alpha", 1f))); break;
            case "LeakyRelu": LowerActivation(node, new Activation(ActivationKind.LeakyRelu, node.GetFloat("alpha", 0.01f))); break;
            case "PRelu": LowerPRelu(node); break;
            case "Clip": LowerClip(node); break;
            case "BatchNormalization": LowerBatchNormalization(node); break;
            case "Tanh": LowerActivation(node, new Activation(ActivationKind.Tanh)); break;
            case "Sigmoid": LowerActivation(node, new Activation(ActivationKind.Sigmoid)); break;
            case "Add": LowerElementwise(node, ElementwiseOp.Add); break;
            case "Mul": LowerElementwise(node, ElementwiseOp.Mul); break;
            case "MatMul": LowerMatMul(node); break;
            case "Gemm": LowerGemm(node); break;
            case "Pad": LowerPad(node); break;
            case "Slice": LowerSlice(node); break;
            case "Transpose": LowerTranspose(node); break;
            case "Reshape":
            case "Squeeze":
            case "Unsqueeze":
            case "Identity":
                LowerReshape(node);
                break;
            case "Concat": LowerConcat(node); break;
            default:
                throw Error(node, $"is not supported by dslc (opset {onnx.Opset})");
        }
    }

    private void LowerConv(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        RequireLayout(node, x, TensorLayout.ChannelsTime);
        OnnxTensor w = Constant(node, node.Input(1), "weights");
        if (w.Shape.Length != 3)
        {
            throw Error(node, $"has {w.Shape.Length - 2}-D weights; dslc supports 1-D convolutions over time only");
        }

        RequireNoAutoPad(node);
        int outC = (int)w.Shape[0];
        int inPerGroup = (int)w.Shape[1];
        int k = (int)w.Shape[2];
        int groups = (int)node.GetInt("group", 1);
        int stride = (int)node.GetInts("strides", new long[] { 1 })[0];
        int dilation = (int)node.GetInts("dilations", new long[] { 1 })[0];
        long[] pads = node.GetInts("pads", new long[] { 0, 0 });
        // End padding (nn.Conv1d(padding=p)) adds outputs that read the future; a right crop of exactly those
        // outputs (FoldCropsPass) makes the conv causal again. Outputs the padding does not add are harmless.
        int trailing = ConvOutputs(x.OnnxShape[2], pads[0] + pads[1], k, stride, dilation) - ConvOutputs(x.OnnxShape[2], pads[0], k, stride, dilation);

        int inC = (int)x.OnnxShape[1];
        if (inPerGroup * groups != inC)
        {
            throw Error(node, $"has {inPerGroup} x {groups} input channels in its weights but its input has {inC}");
        }

        // ONNX stores [out][in/groups][k]; the kernels want [out][k][in/groups] (contiguous rows).
        var weights = new float[w.Floats.Length];
        for (int o = 0; o < outC; o++)
        {
            for (int i = 0; i < inPerGroup; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    weights[((o * k) + j) * inPerGroup + i] = w.Floats[((o * inPerGroup) + i) * k + j];
                }
            }
        }

        float[] bias = OptionalBias(node, node.Input(2), outC);
        string output = EmitTensor(node.Outputs[0], outC, TensorLayout.ChannelsTime);
        nodes.Add(new ConvNode(node.Name, x.Tensor, output, inC, outC, k, stride, dilation, groups, (int)pads[0],
            weights, bias, Activation.Identity) { TrailingOutputs = trailing });
    }

    /// <summary>Outputs of a convolution over <paramref name="length"/> samples with <paramref name="pads"/> in total.</summary>
    private static int ConvOutputs(long length, long pads, int k, int stride, int dilation) =>
        (int)Math.Max(0, ((length + pads - ((long)dilation * (k - 1)) - 1) / stride) + 1);

    private void LowerConvTranspose(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        RequireLayout(node, x, TensorLayout.ChannelsTime);
        OnnxTensor w = Constant(node, node.Input(1), "weights");
        if (w.Shape.Length != 3)
        {
            throw Error(node, "must be a 1-D transposed convolution over time");
        }

        RequireNoAutoPad(node);
        if (node.GetInt("group", 1) != 1)
        {
            throw Error(node, "has group > 1; dslc supports grouped transposed convolutions with group = 1 only");
        }

        int inC = (int)w.Shape[0];
        int outC = (int)w.Shape[1];
        int k = (int)w.Shape[2];
        int stride = (int)node.GetInts("strides", new long[] { 1 })[0];
        int dilation = (int)node.GetInts("dilations", new long[] { 1 })[0];
        long[] pads = node.GetInts("pads", new long[] { 0, 0 });
        int outputPadding = (int)node.GetInts("output_padding", new long[] { 0 })[0];
        if (node.Attributes.ContainsKey("output_shape"))
        {
            throw Error(node, "uses output_shape; export with pads/output_padding instead");
        }

        // ONNX stores [in][out][k]; the kernels want [out][k][in].
        var weights = new float[outC * k * inC];
        for (int i = 0; i < inC; i++)
        {
            for (int o = 0; o < outC; o++)
            {
                for (int j = 0; j < k; j++)
                {
                    weights[((o * k) + j) * inC + i] = w.Floats[((i * outC) + o) * k + j];
                }
            }
        }

        float[] bias = OptionalBias(node, node.Input(2), outC);
        string output = EmitTensor(node.Outputs[0], outC, TensorLayout.ChannelsTime);
        nodes.Add(new ConvTransposeNode(node.Name, x.Tensor, output, inC, outC, k, stride, dilation,
            (int)pads[0], (int)pads[1] - outputPadding, weights, bias, Activation.Identity));
    }

    private void LowerActivation(OnnxNode node, Activation activation)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        string output = EmitTensor(node.Outputs[0], Channels(x), x.Layout);
        nodes.Add(new ActivationNode(node.Name, x.Tensor, output, activation));
    }

    /// <summary>Clip with a missing bound is open on that side; Clip(0, +inf) is a Relu (a clamp, no lookup table).</summary>
    private void LowerClip(OnnxNode node)
    {
        float lo = node.Input(1).Length > 0 ? Constant(node, node.Input(1), "min").Floats[0] : float.NegativeInfinity;
        float hi = node.Input(2).Length > 0 ? Constant(node, node.Input(2), "max").Floats[0] : float.PositiveInfinity;
        if (!(lo <= hi))
        {
            throw Error(node, $"clips to an empty range [{lo}, {hi}]");
        }

        LowerActivation(node, lo == 0f && float.IsPositiveInfinity(hi)
            ? new Activation(ActivationKind.Relu)
            : new Activation(ActivationKind.Clip, lo, hi));
    }

    /// <summary>One shared slope is LeakyRelu (one lookup table). A slope a per channel has no per-tensor table, so
    /// it becomes y = a x + (1 - a) relu(x): a Relu, two per-channel multiplies and an add, each an ordinary kernel.</summary>
    private void LowerPRelu(OnnxNode node)
    {
        OnnxTensor slope = Constant(node, node.Input(1), "slope");
        if (!slope.IsFloat)
        {
            throw Error(node, $"has a non-float slope '{slope.Name}'");
        }

        if (slope.Floats.Distinct().Count() == 1)
        {
            LowerActivation(node, new Activation(ActivationKind.LeakyRelu, slope.Floats[0]));
            return;
        }

        LoweredValue x = Streamed(node, node.Input(0));
        float[] a = PerChannelConstant(node, x, slope);
        long length = x.OnnxShape[x.TimeAxis];
        string positive = node.Outputs[0] + "/relu";
        string positiveScaled = node.Outputs[0] + "/relu_scaled";
        string linear = node.Outputs[0] + "/linear";
        foreach (string t in new[] { positive, positiveScaled, linear })
        {
            AddTensor(t, Channels(x), length);
        }

        nodes.Add(new ActivationNode(node.Name + "/relu", x.Tensor, positive, new Activation(ActivationKind.Relu)));
        nodes.Add(new ElementwiseNode(node.Name + "/relu_scale", new[] { positive }, positiveScaled, ElementwiseOp.Mul,
            a.Select(v => 1f - v).ToArray(), Activation.Identity));
        nodes.Add(new ElementwiseNode(node.Name + "/linear", new[] { x.Tensor }, linear, ElementwiseOp.Mul, a, Activation.Identity));
        string output = EmitTensor(node.Outputs[0], Channels(x), x.Layout);
        nodes.Add(new ElementwiseNode(node.Name, new[] { linear, positiveScaled }, output, ElementwiseOp.Add, null, Activation.Identity));
    }

    /// <summary>Inference batch norm is y = x * s + (B - mean * s) with s = scale / sqrt(var + epsilon): a
    /// per-channel multiply and add, which FoldConstantAffinePass folds into the convolution before it.</summary>
    private void LowerBatchNormalization(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        RequireLayout(node, x, TensorLayout.ChannelsTime);
        float epsilon = node.GetFloat("epsilon", 1e-5f);
        float[] scale = Constant(node, node.Input(1), "scale").Floats;
        float[] beta = Constant(node, node.Input(2), "bias").Floats;
        float[] mean = Constant(node, node.Input(3), "mean").Floats;
        float[] variance = Constant(node, node.Input(4), "variance").Floats;
        var s = new float[scale.Length];
        var shift = new float[scale.Length];
        for (int c = 0; c < scale.Length; c++)
        {
            s[c] = (float)(scale[c] / Math.Sqrt((double)variance[c] + epsilon));
            shift[c] = (float)(beta[c] - ((double)mean[c] * s[c]));
        }

        string scaled = node.Outputs[0] + "/scaled";
        AddTensor(scaled, Channels(x), x.OnnxShape[x.TimeAxis]);
        nodes.Add(new ElementwiseNode(node.Name + "/scale", new[] { x.Tensor }, scaled, ElementwiseOp.Mul, s, Activation.Identity));
        string output = EmitTensor(node.Outputs[0], Channels(x), x.Layout);
        nodes.Add(new ElementwiseNode(node.Name, new[] { scaled }, output, ElementwiseOp.Add, shift, Activation.Identity));
    }

    private void LowerElementwise(OnnxNode node, ElementwiseOp op)
    {
        string a = node.Input(0);
        string b = node.Input(1);
        bool aStreamed = values.ContainsKey(a);
        bool bStreamed = values.ContainsKey(b);
        if (!aStreamed && !bStreamed)
        {
            throw Error(node, "has only constant inputs but was not folded by the importer");
        }

        if (aStreamed && bStreamed)
        {
            LoweredValue va = values[a];
            LoweredValue vb = values[b];
            if (!va.OnnxShape.SequenceEqual(vb.OnnxShape) || va.Layout != vb.Layout)
            {
                throw Error(node, $"adds/multiplies tensors of shapes [{string.Join(", ", va.OnnxShape)}] and [{string.Join(", ", vb.OnnxShape)}]; streamed operands must have the same shape");
            }

            string output = EmitTensor(node.Outputs[0], Channels(va), va.Layout);
            nodes.Add(new ElementwiseNode(node.Name, new[] { va.Tensor, vb.Tensor }, output, op, null, Activation.Identity));
            return;
        }

        LoweredValue v = values[aStreamed ? a : b];
        OnnxTensor c = Constant(node, aStreamed ? b : a, "constant operand");
        float[] perChannel = PerChannelConstant(node, v, c);
        string outName = EmitTensor(node.Outputs[0], Channels(v), v.Layout);
        nodes.Add(new ElementwiseNode(node.Name, new[] { v.Tensor }, outName, op, perChannel, Activation.Identity));
    }

    /// <summary>A constant that broadcasts over time: a scalar or one value per channel.</summary>
    private float[] PerChannelConstant(OnnxNode node, LoweredValue v, OnnxTensor c)
    {
        int channels = Channels(v);
        if (!c.IsFloat)
        {
            throw Error(node, $"has a non-float constant operand '{c.Name}'");
        }

        if (c.ElementCount == 1)
        {
            return Enumerable.Repeat(c.Floats[0], channels).ToArray();
        }

        // Right-align the constant's shape with the value's shape; only the channel axis may be > 1.
        int offset = v.OnnxShape.Length - c.Shape.Length;
        for (int i = 0; i < c.Shape.Length; i++)
        {
            int axis = i + offset;
            if (c.Shape[i] != 1 && (axis != v.ChannelAxis || c.Shape[i] != channels))
            {
                throw Error(node, $"broadcasts constant '{c.Name}' of shape [{string.Join(", ", c.Shape)}] over [{string.Join(", ", v.OnnxShape)}]; dslc supports scalars and per-channel constants only");
            }
        }

        return c.Floats.ToArray();
    }

    private void LowerMatMul(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        RequireLayout(node, x, TensorLayout.TimeChannels);
        OnnxTensor w = Constant(node, node.Input(1), "weight matrix");
        if (w.Shape.Length != 2 || w.Shape[0] != Channels(x))
        {
            throw Error(node, $"multiplies [.., {Channels(x)}] by a constant of shape [{string.Join(", ", w.Shape)}]; expected [{Channels(x)}, out]");
        }

        EmitPointwise(node, x, w.Floats, (int)w.Shape[1], transposed: false, new float[w.Shape[1]], 1f);
    }

    private void LowerGemm(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        RequireLayout(node, x, TensorLayout.TimeChannels);
        if (node.GetInt("transA", 0) != 0)
        {
            throw Error(node, "has transA = 1; dslc needs the streamed operand as A [T, C]");
        }

        OnnxTensor w = Constant(node, node.Input(1), "weight matrix");
        bool transB = node.GetInt("transB", 0) != 0;
        int outC = (int)(transB ? w.Shape[0] : w.Shape[1]);
        float alpha = node.GetFloat("alpha", 1f);
        float beta = node.GetFloat("beta", 1f);
        float[] bias = new float[outC];
        if (node.Input(2).Length > 0)
        {
            OnnxTensor c = Constant(node, node.Input(2), "bias");
            for (int o = 0; o < outC; o++)
            {
                bias[o] = beta * (c.ElementCount == 1 ? c.Floats[0] : c.Floats[o]);
            }
        }

        EmitPointwise(node, x, w.Floats, outC, transB, bias, alpha);
    }

    /// <summary>x[T, Cin] * W -> a 1x1 convolution over time, output in TimeChannels layout.</summary>
    private void EmitPointwise(OnnxNode node, LoweredValue x, float[] w, int outC, bool transposed, float[] bias, float alpha)
    {
        int inC = Channels(x);
        var weights = new float[outC * inC];
        for (int o = 0; o < outC; o++)
        {
            for (int i = 0; i < inC; i++)
            {
                weights[o * inC + i] = alpha * (transposed ? w[o * inC + i] : w[i * outC + o]);
            }
        }

        string output = EmitTensor(node.Outputs[0], outC, TensorLayout.TimeChannels);
        nodes.Add(new ConvNode(node.Name, x.Tensor, output, inC, outC, 1, 1, 1, 1, 0, weights, bias, Activation.Identity));
    }

    private void LowerPad(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        string mode = node.GetText("mode") ?? "constant";
        if (mode != "constant")
        {
            throw Error(node, $"pads in mode '{mode}'; dslc supports zero (constant) padding only");
        }

        OnnxTensor pads = Constant(node, node.Input(1), "pads");
        if (node.Input(2).Length > 0)
        {
            OnnxTensor value = Constant(node, node.Input(2), "constant value");
            if (value.ElementCount > 0 && (value.IsFloat ? value.Floats[0] : value.Ints[0]) != 0)
            {
                throw Error(node, "pads with a non-zero value; dslc supports zero padding only");
            }
        }

        int rank = x.OnnxShape.Length;
        if (pads.Ints.Length != 2 * rank || pads.Ints.Any(p => p is < -StreamLimits.MaxRows or > StreamLimits.MaxRows))
        {
            throw Error(node, $"has pads [{string.Join(", ", pads.Ints)}]; expected {2 * rank} values within ±{StreamLimits.MaxRows}");
        }

        for (int axis = 0; axis < rank; axis++)
        {
            if (axis != x.TimeAxis && (pads.Ints[axis] != 0 || pads.Ints[axis + rank] != 0))
            {
                throw Error(node, $"pads axis {axis}; dslc supports padding along time only");
            }
        }

        string output = EmitTensor(node.Outputs[0], Channels(x), x.Layout);
        nodes.Add(new PadNode(node.Name, x.Tensor, output, (int)pads.Ints[x.TimeAxis], (int)pads.Ints[x.TimeAxis + rank]));
    }

    private void LowerSlice(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        long[] starts = Constant(node, node.Input(1), "starts").Ints;
        long[] ends = Constant(node, node.Input(2), "ends").Ints;
        int rank = x.OnnxShape.Length;
        long[] axes = node.Input(3).Length > 0 ? Constant(node, node.Input(3), "axes").Ints : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        long[] steps = node.Input(4).Length > 0 ? Constant(node, node.Input(4), "steps").Ints : Enumerable.Repeat(1L, starts.Length).ToArray();
        int begin = 0;
        int end = 0;
        (int Start, int Count)? channels = null;
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = (int)(axes[i] < 0 ? axes[i] + rank : axes[i]);
            long dim = x.OnnxShape[axis];
            long s = Math.Clamp(starts[i] < 0 ? starts[i] + dim : starts[i], 0, dim);
            long e = Math.Clamp(ends[i] < 0 ? ends[i] + dim : ends[i], 0, dim);
            if (s == 0 && e == dim && steps[i] == 1)
            {
                continue;
            }

            if ((axis != x.TimeAxis && axis != x.ChannelAxis) || steps[i] != 1 || e <= s)
            {
                throw Error(node, $"slices axis {axis} (step {steps[i]}); dslc supports slicing channels or cropping time, with step 1");
            }

            if (axis == x.ChannelAxis)
            {
                channels = ((int)s, (int)(e - s));
                continue;
            }

            begin = (int)s;
            end = (int)(dim - e);
        }

        if (channels is not null && (begin != 0 || end != 0))
        {
            throw Error(node, "slices channels and time at once; split it into two slices");
        }

        string output = EmitTensor(node.Outputs[0], channels?.Count ?? Channels(x), x.Layout);
        nodes.Add(channels is { } ch
            ? new ChannelSliceNode(node.Name, x.Tensor, output, ch.Start, ch.Count)
            : new CropNode(node.Name, x.Tensor, output, begin, end));
    }

    private void LowerTranspose(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        int rank = x.OnnxShape.Length;
        long[] perm = node.GetInts("perm", Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray());
        long[] outShape = perm.Select(p => x.OnnxShape[p]).ToArray();
        bool identity = perm.Select((p, i) => p == i).All(b => b);
        bool swapsLastTwo = rank >= 2 && perm[rank - 1] == rank - 2 && perm[rank - 2] == rank - 1
            && perm.Take(rank - 2).Select((p, i) => p == i).All(b => b);
        if (!identity && !swapsLastTwo)
        {
            throw Error(node, $"permutes axes [{string.Join(", ", perm)}]; dslc supports swapping channels and time only");
        }

        TensorLayout layout = identity ? x.Layout
            : x.Layout == TensorLayout.ChannelsTime ? TensorLayout.TimeChannels : TensorLayout.ChannelsTime;
        values[node.Outputs[0]] = new LoweredValue(x.Tensor, layout, outShape);
    }

    private void LowerReshape(OnnxNode node)
    {
        LoweredValue x = Streamed(node, node.Input(0));
        long[] outShape = onnx.Shapes[node.Outputs[0]];
        long[] a = x.OnnxShape.SkipWhile(d => d == 1).ToArray();
        long[] b = outShape.SkipWhile(d => d == 1).ToArray();
        if (!a.SequenceEqual(b) || outShape.Length < 2)
        {
            throw Error(node, $"reshapes [{string.Join(", ", x.OnnxShape)}] to [{string.Join(", ", outShape)}]; dslc supports only reshapes that keep the (channels, time) layout");
        }

        values[node.Outputs[0]] = new LoweredValue(x.Tensor, x.Layout, outShape);
    }

    private void LowerConcat(OnnxNode node)
    {
        var inputs = node.Inputs.Select(i => Streamed(node, i)).ToList();
        LoweredValue first = inputs[0];
        int rank = first.OnnxShape.Length;
        long axis = node.GetInt("axis", 0);
        if (axis < 0)
        {
            axis += rank;
        }

        if (inputs.Any(v => v.Layout != first.Layout || v.OnnxShape.Length != rank) || axis != first.ChannelAxis)
        {
            throw Error(node, $"concatenates along axis {axis}; dslc supports concatenation along channels only");
        }

        int channels = inputs.Sum(Channels);
        string output = EmitTensor(node.Outputs[0], channels, first.Layout);
        nodes.Add(new ConcatNode(node.Name, inputs.Select(v => v.Tensor).ToArray(), output));
    }

    private string EmitTensor(string onnxName, int channels, TensorLayout layout)
    {
        long[] shape = onnx.Shapes[onnxName];
        var v = new LoweredValue(onnxName, layout, shape);
        if (shape.Length < 2 || shape.Take(shape.Length - 2).Any(d => d != 1))
        {
            throw new DslException(DslErrorCode.Model, $"{onnx.SourcePath}: value '{onnxName}' has shape [{string.Join(", ", shape)}]; dslc needs [1, channels, time] tensors (batch 1)");
        }

        if (shape[v.ChannelAxis] != channels)
        {
            throw new InvalidOperationException($"lowering: '{onnxName}' has {shape[v.ChannelAxis]} channels in ONNX but {channels} in the IR");
        }

        AddTensor(onnxName, channels, shape[v.TimeAxis]);
        values[onnxName] = v;
        return onnxName;
    }

    private void AddTensor(string name, int channels, long traceLength) =>
        tensors.Add(new IrTensor(name, channels, traceLength));

    private static int Channels(LoweredValue v) => (int)v.OnnxShape[v.ChannelAxis];

    private LoweredValue Streamed(OnnxNode node, string name)
    {
        if (values.TryGetValue(name, out LoweredValue? v))
        {
            return v;
        }

        throw Error(node, onnx.Constants.ContainsKey(name)
            ? $"reads constant '{name}' where dslc expects the streamed audio signal"
            : $"reads '{name}', which is neither computed from the audio input nor a constant");
    }

    private OnnxTensor Constant(OnnxNode node, string name, string what)
    {
        if (name.Length > 0 && onnx.Constants.TryGetValue(name, out OnnxTensor? t))
        {
            RequireUsableValues(node, t, what);
            return t;
        }

        throw Error(node, $"needs a constant {what} ('{name}'), but it is computed at run time; dslc needs it fixed at export");
    }

    /// <summary>
    /// A NaN, an infinity or an absurd magnitude in a weight or constant is an export or training
    /// fault; found here it is reported with the initializer, before calibration turns it into a
    /// confusing range or requantization error.
    /// </summary>
    private void RequireUsableValues(OnnxNode node, OnnxTensor t, string what)
    {
        float[] v = t.Floats;
        for (int i = 0; i < v.Length; i++)
        {
            if (!float.IsFinite(v[i]) || Math.Abs(v[i]) > StreamLimits.MaxConstantMagnitude)
            {
                string problem = float.IsFinite(v[i])
                    ? $"holds {v[i].ToString("G9", CultureInfo.InvariantCulture)} (element {i} of shape [{string.Join(", ", t.Shape)}]), beyond dslc's limit of ±{StreamLimits.MaxConstantMagnitude:G3} for weights and constants; int8 quantization of such a value would zero the rest of the channel"
                    : $"holds {v[i].ToString(CultureInfo.InvariantCulture)} (element {i} of shape [{string.Join(", ", t.Shape)}]); a usable model has finite weights: check the training run for a diverged (NaN) loss and re-export";
                throw Error(node, $"{what} '{t.Name}' {problem}");
            }
        }
    }

    private float[] OptionalBias(OnnxNode node, string name, int outC)
    {
        if (name.Length == 0)
        {
            return new float[outC];
        }

        OnnxTensor b = Constant(node, name, "bias");
        if (b.ElementCount != outC)
        {
            throw Error(node, $"has {b.ElementCount} bias values for {outC} output channels");
        }

        return b.Floats.ToArray();
    }

    private void RequireLayout(OnnxNode node, LoweredValue v, TensorLayout layout)
    {
        if (v.Layout != layout)
        {
            throw Error(node, layout == TensorLayout.ChannelsTime
                ? "reads a [time, channels] tensor; convolutions need [1, channels, time]"
                : "multiplies over the time axis; dslc supports matrix products over channels only ([1, T, C] x [C, out])");
        }
    }

    private void RequireNoAutoPad(OnnxNode node)
    {
        string autoPad = node.GetText("auto_pad") ?? "NOTSET";
        if (autoPad != "NOTSET")
        {
            throw Error(node, $"uses auto_pad = {autoPad}; export with explicit causal padding");
        }
    }

    private DslException Error(OnnxNode node, string what) =>
        new(DslErrorCode.Model, $"{onnx.SourcePath}: {node.Describe()} {what}");
}
