using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Fuses a standalone activation into the convolution or elementwise node that produces its
/// input, when nothing else reads the pre-activation tensor: the kernel then applies the
/// activation (clamp for ReLU, lookup table otherwise) on its way out.
/// </summary>
public sealed class FuseActivationsPass : IGraphPass
{
    public string Name => "fuse-activations";

    public IrGraph Run(IrGraph graph, string modelPath)
    {
        List<IrNode> nodes = graph.Nodes.ToList();
        foreach (ActivationNode act in graph.Nodes.OfType<ActivationNode>())
        {
            IrNode? producer = nodes.FirstOrDefault(n => n.Output == act.Input);
            if (!GraphRewriter.HasSingleInternalConsumer(graph.WithNodes(nodes), act.Input))
            {
                continue;
            }

            IrNode? fused = producer switch
            {
                ConvNode c when c.Activation.IsIdentity => c with { Output = act.Output, Activation = act.Activation },
                ConvTransposeNode c when c.Activation.IsIdentity => c with { Output = act.Output, Activation = act.Activation },
                ElementwiseNode e when e.Activation.IsIdentity => e with { Output = act.Output, Activation = act.Activation },
                _ => null,
            };
            if (fused is null)
            {
                continue;
            }

            nodes[nodes.IndexOf(producer!)] = fused;
            nodes.Remove(act);
        }

        return graph.WithNodes(nodes);
    }
}
