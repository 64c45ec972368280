using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Moves time crops into the transposed convolution they trim (SoundStream-style causal
/// upsampling drops the trailing kernel - stride samples). Empty crops are removed.
/// </summary>
public sealed class FoldCropsPass : IGraphPass
{
    public string Name => "fold-crops";

    public IrGraph Run(IrGraph graph, string modelPath)
    {
        List<IrNode> nodes = graph.Nodes.ToList();
        foreach (CropNode crop in graph.Nodes.OfType<CropNode>())
        {
            IrNode? producer = nodes.FirstOrDefault(n => n.Output == crop.Input);
            bool empty = crop.Begin == 0 && crop.End == 0;
            if (!empty && (producer is not ConvTransposeNode || !GraphRewriter.HasSingleInternalConsumer(graph.WithNodes(nodes), crop.Input)))
            {
                throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{crop.Name}' (Slice) crops {crop.Begin} leading and {crop.End} trailing time steps of '{crop.Input}'; dslc folds time crops only into the transposed convolution that produces them");
            }

            nodes.Remove(crop);
            if (empty)
            {
                nodes = GraphRewriter.Redirect(nodes, crop.Output, crop.Input);
                continue;
            }

            var up = (ConvTransposeNode)producer!;
            int index = nodes.IndexOf(up);
            nodes[index] = up with { Output = crop.Output, PadBegin = up.PadBegin + crop.Begin, TrimEnd = up.TrimEnd + crop.End };
        }

        return graph.WithNodes(nodes);
    }
}
