using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// For <see cref="HandoffKind.Audio"/>: gives the heavy path its own copy of every node both paths need (the
/// shared encoder), reading the input audio, so the partition hands the audio over instead of the features and
/// each copy is quantized on its own. The copies keep the originals' weights and take their names with
/// <see cref="Suffix"/>.
/// </summary>
public static class SharedLayerCopy
{
    /// <summary>Appended to the names of the heavy path's copies (nodes and tensors).</summary>
    public const string Suffix = "#heavy";

    public static IrGraph Apply(IrGraph graph, DslManifest manifest)
    {
        if (manifest.Handoff != HandoffKind.Audio)
        {
            return graph;
        }

        HashSet<IrNode> light = Partitioner.Ancestors(graph, manifest.LightOutputs.Append(manifest.SwitchOutput).Select(graph.OutputTensor));
        HashSet<IrNode> heavy = Partitioner.Ancestors(graph, manifest.HeavyOutputs.Select(graph.OutputTensor));
        var shared = new HashSet<string>(graph.Nodes.Where(n => light.Contains(n) && heavy.Contains(n)).Select(n => n.Output), StringComparer.Ordinal);
        if (shared.Count == 0)
        {
            return graph;
        }

        string Heavy(string tensor) => shared.Contains(tensor) ? tensor + Suffix : tensor;
        var nodes = new List<IrNode>();
        foreach (IrNode n in graph.Nodes)
        {
            if (!heavy.Contains(n))
            {
                nodes.Add(n);
            }
            else if (light.Contains(n))
            {
                // A shared node's inputs are shared too (or the audio input), so its copy follows it in topological order.
                nodes.Add(n);
                nodes.Add((n with { Name = n.Name + Suffix, Output = n.Output + Suffix }).WithInputs(n.Inputs.Select(Heavy).ToList()));
            }
            else
            {
                nodes.Add(n.WithInputs(n.Inputs.Select(Heavy).ToList()));
            }
        }

        IEnumerable<IrTensor> tensors = graph.Tensors.Concat(graph.Tensors.Where(t => shared.Contains(t.Name)).Select(t => t with { Name = t.Name + Suffix }));
        return new IrGraph(graph.Input, graph.FrameSamples, graph.TraceFrames, tensors, nodes, graph.Outputs);
    }
}
