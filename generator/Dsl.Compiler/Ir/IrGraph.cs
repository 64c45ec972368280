namespace Dsl.Compiler.Ir;

/// <summary>
/// The streamed dataflow graph of a model: one audio input (int16 PCM in C, FrameSamples rows of
/// one channel per frame) and compute nodes in topological order.
/// </summary>
public sealed class IrGraph
{
    private readonly Dictionary<string, IrTensor> tensors;

    public IrGraph(string input, int frameSamples, int traceFrames, IEnumerable<IrTensor> tensors, IReadOnlyList<IrNode> nodes,
        IReadOnlyDictionary<string, string> outputs)
    {
        Outputs = outputs;
        Input = input;
        FrameSamples = frameSamples;
        TraceFrames = traceFrames;
        this.tensors = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Nodes = nodes;
    }

    public string Input { get; }

    public int FrameSamples { get; }

    /// <summary>Frames in the clip the importer traced shapes with.</summary>
    public int TraceFrames { get; }

    public IReadOnlyList<IrNode> Nodes { get; }

    /// <summary>Model output name (as in the ONNX file and dsl.json) to the tensor that holds it.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    public string OutputTensor(string output) =>
        Outputs.TryGetValue(output, out string? t) ? t : throw new InvalidOperationException($"no output '{output}'");

    public IEnumerable<IrTensor> Tensors => tensors.Values;

    public IrTensor Tensor(string name) =>
        tensors.TryGetValue(name, out IrTensor? t) ? t : throw new InvalidOperationException($"no tensor '{name}' in the IR");

    public bool HasTensor(string name) => tensors.ContainsKey(name);

    /// <summary>Rows per frame of a frame-aligned tensor.</summary>
    public int Rows(string tensor)
    {
        IrTensor t = Tensor(tensor);
        if (t.TraceLength % TraceFrames != 0)
        {
            throw new InvalidOperationException($"tensor '{tensor}' is not frame aligned");
        }

        return (int)(t.TraceLength / TraceFrames);
    }

    public int ElementsPerFrame(string tensor) => Rows(tensor) * Tensor(tensor).Channels;

    /// <summary>The node that writes <paramref name="tensor"/>, or null for the graph input.</summary>
    public IrNode? Producer(string tensor) => Nodes.FirstOrDefault(n => n.Output == tensor);

    public IEnumerable<IrNode> Consumers(string tensor) => Nodes.Where(n => n.Inputs.Contains(tensor));

    /// <summary>A copy with other nodes (tensors no longer produced or read are dropped).</summary>
    public IrGraph WithNodes(IReadOnlyList<IrNode> nodes)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { Input };
        foreach (IrNode n in nodes)
        {
            used.Add(n.Output);
            foreach (string i in n.Inputs)
            {
                used.Add(i);
            }
        }

        return new IrGraph(Input, FrameSamples, TraceFrames, tensors.Values.Where(t => used.Contains(t.Name)), nodes, Outputs);
    }
}
