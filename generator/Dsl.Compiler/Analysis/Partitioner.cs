using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Analysis;

/// <summary>Partitions by reachability from the dsl.json outputs (docs/architecture.md).</summary>
public static class Partitioner
{
    public static Partition Run(IrGraph graph, DslManifest manifest)
    {
        foreach (string output in manifest.LightOutputs.Concat(manifest.HeavyOutputs).Append(manifest.SwitchOutput))
        {
            if (!graph.Outputs.ContainsKey(output))
            {
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: output '{output}' is not an output of the model (it has: {string.Join(", ", graph.Outputs.Keys)})");
            }
        }

        HashSet<IrNode> light = Ancestors(graph, manifest.LightOutputs.Append(manifest.SwitchOutput).Select(graph.OutputTensor));
        HashSet<IrNode> heavyAll = Ancestors(graph, manifest.HeavyOutputs.Select(graph.OutputTensor));
        List<IrNode> lightNodes = graph.Nodes.Where(light.Contains).ToList();
        List<IrNode> heavyNodes = graph.Nodes.Where(n => heavyAll.Contains(n) && !light.Contains(n)).ToList();
        if (heavyNodes.Count == 0)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: every node the heavy outputs need is already on the light path; there is nothing to gate");
        }

        var lightTensors = new HashSet<string>(lightNodes.Select(n => n.Output)) { graph.Input };
        List<string> handoff = heavyNodes
            .SelectMany(n => n.Inputs)
            .Where(lightTensors.Contains)
            .Distinct()
            .ToList();
        int replay = ReceptiveField.ReplayFrames(graph, heavyNodes, handoff);
        return new Partition(lightNodes, heavyNodes, handoff, replay);
    }

    /// <summary>The nodes <paramref name="tensors"/> depend on.</summary>
    internal static HashSet<IrNode> Ancestors(IrGraph graph, IEnumerable<string> tensors)
    {
        var found = new HashSet<IrNode>();
        var stack = new Stack<string>(tensors);
        while (stack.Count > 0)
        {
            IrNode? producer = graph.Producer(stack.Pop());
            if (producer is not null && found.Add(producer))
            {
                foreach (string i in producer.Inputs)
                {
                    stack.Push(i);
                }
            }
        }

        return found;
    }
}
