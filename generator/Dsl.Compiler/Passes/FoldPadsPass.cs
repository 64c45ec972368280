using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Moves time padding into the convolutions that read it (as left padding, which becomes
/// streaming history). Right padding would need future samples and is refused.
/// </summary>
public sealed class FoldPadsPass : IGraphPass
{
    public string Name => "fold-pads";

    public IrGraph Run(IrGraph graph, string modelPath)
    {
        List<IrNode> nodes = graph.Nodes.ToList();
        foreach (PadNode pad in graph.Nodes.OfType<PadNode>())
        {
            if (pad.Right != 0)
            {
                throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{pad.Name}' (Pad) pads the end of time by {pad.Right}; dslc streams frame by frame and supports causal (left) padding only");
            }

            List<IrNode> readers = nodes.Where(n => n.Inputs.Contains(pad.Output)).ToList();
            if (readers.Count == 0 || readers.Any(r => r is not ConvNode) || graph.Outputs.Values.Contains(pad.Output))
            {
                string who = string.Join(", ", readers.Where(r => r is not ConvNode).Select(r => $"'{r.Name}' ({r.Kind})"));
                throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{pad.Name}' (Pad) feeds {(who.Length > 0 ? who : "a model output")}; dslc folds padding into convolutions only");
            }

            nodes = nodes
                .Where(n => n != pad)
                .Select(n => n is ConvNode c && c.Input == pad.Output
                    ? c with { Input = pad.Input, Inputs = new[] { pad.Input }, PadLeft = c.PadLeft + pad.Left }
                    : n)
                .ToList();
        }

        return graph.WithNodes(nodes);
    }
}
