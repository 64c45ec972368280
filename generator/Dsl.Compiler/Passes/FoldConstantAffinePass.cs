using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Folds an Add or Mul by a per-channel constant into the convolution that produces its input
/// (nn.Linear's bias after MatMul, a learned mask after the encoder's last conv), so no
/// elementwise kernel runs and no extra quantization step loses precision.
/// </summary>
public sealed class FoldConstantAffinePass : IGraphPass
{
    public string Name => "fold-constant-affine";

    public IrGraph Run(IrGraph graph, string modelPath)
    {
        List<IrNode> nodes = graph.Nodes.ToList();
        bool changed = true;
        while (changed)
        {
            changed = false;
            IrGraph current = graph.WithNodes(nodes);
            foreach (ElementwiseNode e in nodes.OfType<ElementwiseNode>().Where(e => e.Constant is not null && e.Activation.IsIdentity))
            {
                IrNode? producer = nodes.FirstOrDefault(n => n.Output == e.Inputs[0]);
                if (!GraphRewriter.HasSingleInternalConsumer(current, e.Inputs[0]))
                {
                    continue;
                }

                IrNode? folded = producer switch
                {
                    ConvNode c when c.Activation.IsIdentity =>
                        c with { Output = e.Output, Weights = Scale(c.Weights, c.OutChannels, e), Bias = Apply(c.Bias, e) },
                    ConvTransposeNode c when c.Activation.IsIdentity =>
                        c with { Output = e.Output, Weights = Scale(c.Weights, c.OutChannels, e), Bias = Apply(c.Bias, e) },
                    _ => null,
                };
                if (folded is null)
                {
                    continue;
                }

                nodes[nodes.IndexOf(producer!)] = folded;
                nodes.Remove(e);
                changed = true;
                break;
            }
        }

        return graph.WithNodes(nodes);
    }

    private static float[] Scale(float[] weights, int outChannels, ElementwiseNode e)
    {
        if (e.Op != ElementwiseOp.Mul)
        {
            return weights;
        }

        int perChannel = weights.Length / outChannels;
        var scaled = new float[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            scaled[i] = weights[i] * e.Constant![i / perChannel];
        }

        return scaled;
    }

    private static float[] Apply(float[] bias, ElementwiseNode e) =>
        bias.Select((b, o) => e.Op == ElementwiseOp.Mul ? b * e.Constant![o] : b + e.Constant![o]).ToArray();
}
