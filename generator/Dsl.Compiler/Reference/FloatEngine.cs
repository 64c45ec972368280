using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Reference;

/// <summary>
/// The float reference: runs the streamed IR frame by frame with persistent histories, exactly
/// as the generated C is structured, in float. Checked against onnxruntime on whole clips.
/// </summary>
public sealed class FloatEngine
{
    private readonly IrGraph graph;
    private readonly IReadOnlyList<IrNode> nodes;
    private readonly Dictionary<string, float[]> history = new(StringComparer.Ordinal);

    public FloatEngine(IrGraph graph, IReadOnlyList<IrNode>? nodes = null)
    {
        this.graph = graph;
        this.nodes = nodes ?? graph.Nodes;
        Reset();
    }

    public IRangeObserver? Observer { get; set; }

    public void Reset()
    {
        history.Clear();
        foreach (IrNode node in nodes)
        {
            int rows = node switch { ConvNode c => c.HistoryRows, ConvTransposeNode u => u.HistoryRows, _ => 0 };
            if (rows > 0)
            {
                history[node.Name] = new float[rows * graph.Tensor(node.Inputs[0]).Channels];
            }
        }
    }

    /// <summary>
    /// Runs one frame. <paramref name="tensors"/> holds the inputs of these nodes (the audio frame
    /// under the graph input's name, or handoff tensors) and receives every computed tensor.
    /// </summary>
    public void RunFrame(Dictionary<string, float[]> tensors)
    {
        foreach (IrNode node in nodes)
        {
            float[] output = node switch
            {
                ConvNode c => Conv(c, tensors[c.Input]),
                ConvTransposeNode u => ConvTranspose(u, tensors[u.Input]),
                ElementwiseNode e => Elementwise(e, tensors),
                ActivationNode a => Activate(a.Name, a.Activation, (float[])tensors[a.Input].Clone()),
                ConcatNode c => Concat(c, tensors),
                ChannelSliceNode c => SliceChannels(c, tensors[c.Input]),
                _ => throw new InvalidOperationException($"float engine: unexpected node {node.Kind}"),
            };
            tensors[node.Output] = output;
            Observer?.Output(node.Output, output);
        }
    }

    private float[] WithHistory(IrNode node, float[] input, int historyRows, int channels)
    {
        if (historyRows == 0)
        {
            return input;
        }

        float[] h = history[node.Name];
        var buffer = new float[h.Length + input.Length];
        h.CopyTo(buffer, 0);
        input.CopyTo(buffer, h.Length);
        Array.Copy(buffer, buffer.Length - h.Length, h, 0, h.Length);
        return buffer;
    }

    private float[] Conv(ConvNode c, float[] input)
    {
        float[] x = WithHistory(c, input, c.HistoryRows, c.InChannels);
        int outRows = input.Length / c.InChannels / c.Stride;
        int cg = c.InPerGroup;
        int outPerGroup = c.OutChannels / c.Groups;
        var y = new float[outRows * c.OutChannels];
        for (int t = 0; t < outRows; t++)
        {
            for (int o = 0; o < c.OutChannels; o++)
            {
                int g = o / outPerGroup;
                double acc = c.Bias[o];
                for (int j = 0; j < c.KernelSize; j++)
                {
                    int row = t * c.Stride + j * c.Dilation;
                    for (int ci = 0; ci < cg; ci++)
                    {
                        acc += c.Weight(o, j, ci) * x[row * c.InChannels + g * cg + ci];
                    }
                }

                y[t * c.OutChannels + o] = (float)acc;
            }
        }

        return Activate(c.Name, c.Activation, y);
    }

    private float[] ConvTranspose(ConvTransposeNode u, float[] input)
    {
        int h = u.HistoryRows;
        float[] x = WithHistory(u, input, h, u.InChannels);
        int inRows = input.Length / u.InChannels;
        int totalRows = h + inRows;
        var y = new float[inRows * u.Stride * u.OutChannels];
        for (int n = 0; n < inRows * u.Stride; n++)
        {
            int target = n + h * u.Stride;
            for (int o = 0; o < u.OutChannels; o++)
            {
                double acc = u.Bias[o];
                for (int j = 0; j < u.KernelSize; j++)
                {
                    int rest = target - j * u.Dilation;
                    if (rest < 0 || rest % u.Stride != 0 || rest / u.Stride >= totalRows)
                    {
                        continue;
                    }

                    int i = rest / u.Stride;
                    for (int c = 0; c < u.InChannels; c++)
                    {
                        acc += u.Weight(o, j, c) * x[i * u.InChannels + c];
                    }
                }

                y[n * u.OutChannels + o] = (float)acc;
            }
        }

        return Activate(u.Name, u.Activation, y);
    }

    private float[] Elementwise(ElementwiseNode e, Dictionary<string, float[]> tensors)
    {
        float[] a = tensors[e.Inputs[0]];
        int channels = graph.Tensor(e.Output).Channels;
        var y = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            float b = e.Constant is not null ? e.Constant[i % channels] : tensors[e.Inputs[1]][i];
            y[i] = e.Op == ElementwiseOp.Add ? a[i] + b : a[i] * b;
        }

        return Activate(e.Name, e.Activation, y);
    }

    private float[] Concat(ConcatNode c, Dictionary<string, float[]> tensors)
    {
        int outChannels = graph.Tensor(c.Output).Channels;
        int rows = tensors[c.Inputs[0]].Length / graph.Tensor(c.Inputs[0]).Channels;
        var y = new float[rows * outChannels];
        int offset = 0;
        foreach (string name in c.Inputs)
        {
            int ch = graph.Tensor(name).Channels;
            float[] x = tensors[name];
            for (int t = 0; t < rows; t++)
            {
                Array.Copy(x, t * ch, y, t * outChannels + offset, ch);
            }

            offset += ch;
        }

        return y;
    }

    private float[] SliceChannels(ChannelSliceNode c, float[] x)
    {
        int inChannels = graph.Tensor(c.Input).Channels;
        int rows = x.Length / inChannels;
        var y = new float[rows * c.Count];
        for (int t = 0; t < rows; t++)
        {
            Array.Copy(x, (t * inChannels) + c.Start, y, t * c.Count, c.Count);
        }

        return y;
    }

    private float[] Activate(string node, Activation activation, float[] values)
    {
        Observer?.PreActivation(node, values);
        if (!activation.IsIdentity)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = activation.Apply(values[i]);
            }
        }

        return values;
    }
}
