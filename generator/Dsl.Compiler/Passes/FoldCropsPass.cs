using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Moves time crops into the transposed convolution they trim (SoundStream-style causal
/// upsampling drops the trailing kernel - stride samples), and removes the right crop that follows a
/// convolution padded at both ends (<c>nn.Conv1d(padding=k-1)</c> then <c>y[..., :-(k-1)]</c>) together with
/// the end padding it cancels: what is left is a causal convolution. Empty crops are removed.
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
            if (producer is ConvNode { TrailingOutputs: > 0 } padded)
            {
                if (crop.Begin != 0 || crop.End != padded.TrailingOutputs || !GraphRewriter.HasSingleInternalConsumer(graph.WithNodes(nodes), crop.Input))
                {
                    throw FutureInput(padded, modelPath, $"; the crop '{crop.Name}' (Slice) after it removes {crop.Begin} leading and {crop.End} trailing step(s)");
                }

                nodes.Remove(crop);
                nodes[nodes.IndexOf(padded)] = padded with { Output = crop.Output, TrailingOutputs = 0 };
                continue;
            }

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

        if (nodes.OfType<ConvNode>().FirstOrDefault(c => c.TrailingOutputs > 0) is { } future)
        {
            throw FutureInput(future, modelPath, "");
        }

        return graph.WithNodes(nodes);
    }

    private static DslException FutureInput(ConvNode conv, string modelPath, string crop) =>
        new(DslErrorCode.Model, $"{modelPath}: node '{conv.Name}' (Conv) pads the end of time: its last {conv.TrailingOutputs} output(s) read future input{crop}; dslc streams frame by frame and needs causal convolutions: pad the start only (F.pad(x, (k - 1, 0))), or crop exactly those outputs, and only those, right after the conv (y[..., :-{conv.TrailingOutputs}])");
}
