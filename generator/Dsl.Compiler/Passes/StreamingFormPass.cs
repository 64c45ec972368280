using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>
/// Checks that every node can run frame by frame with persistent history and gives exactly the
/// whole-clip result: tensors hold whole rows per frame, convolutions look only at the past
/// (their left padding becomes history rows), transposed convolutions have no leading crop.
/// After this pass the graph is in streaming form: each node's history rows are its state.
/// </summary>
public sealed class StreamingFormPass : IGraphPass
{
    public string Name => "streaming-form";

    public IrGraph Run(IrGraph graph, string modelPath)
    {
        foreach (IrTensor t in graph.Tensors)
        {
            if (t.TraceLength % graph.TraceFrames != 0)
            {
                throw new DslException(DslErrorCode.Model, $"{modelPath}: tensor '{t.Name}' has {t.TraceLength} time steps for {graph.TraceFrames} frames of {graph.FrameSamples} samples; every tensor must hold a whole number of steps per frame (check strides against the frame size in dsl.json)");
            }
        }

        foreach (IrNode node in graph.Nodes)
        {
            switch (node)
            {
                case PadNode or CropNode:
                    throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{node.Name}' ({node.Kind}) could not be folded into a convolution");
                case ConvNode c:
                    CheckConv(graph, c, modelPath);
                    break;
                case ConvTransposeNode u:
                    CheckConvTranspose(graph, u, modelPath);
                    break;
            }
        }

        return graph;
    }

    /// <summary>The history a node keeps between frames must be a buffer dslc (and a board) can allocate.</summary>
    private static void CheckState(IrNode node, long historyRows, long channels, string modelPath)
    {
        if (historyRows * channels > StreamLimits.MaxStateValues)
        {
            throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{node.Name}' ({node.Kind}) keeps {historyRows} history rows of {channels} channels between frames, more than dslc's limit of {StreamLimits.MaxStateValues} values of state per node");
        }
    }

    private static void CheckConv(IrGraph graph, ConvNode c, string modelPath)
    {
        CheckState(c, c.HistoryRows, c.InChannels, modelPath);
        int span = (c.KernelSize - 1) * c.Dilation;
        int rowsIn = graph.Rows(c.Input);
        if (c.PadLeft > span || span - c.PadLeft > c.Stride - 1)
        {
            throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{c.Name}' (Conv) has left padding {c.PadLeft} for kernel {c.KernelSize}, dilation {c.Dilation}, stride {c.Stride}; a causal streaming conv needs left padding between {Math.Max(0, span - c.Stride + 1)} and {span} (F.pad(x, ((k-1)*d, 0)) for stride 1)");
        }

        if (rowsIn % c.Stride != 0 || graph.Rows(c.Output) * c.Stride != rowsIn)
        {
            throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{c.Name}' (Conv) turns {rowsIn} steps per frame into {graph.Rows(c.Output)} with stride {c.Stride}; the frame must be a multiple of the total stride");
        }
    }

    private static void CheckConvTranspose(IrGraph graph, ConvTransposeNode u, string modelPath)
    {
        CheckState(u, u.HistoryRows, u.InChannels, modelPath);
        if (u.PadBegin != 0)
        {
            throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{u.Name}' (ConvTranspose) drops {u.PadBegin} leading samples, which makes it look ahead; crop the trailing samples instead (y[..., :-(k - stride)])");
        }

        int rowsIn = graph.Rows(u.Input);
        if (graph.Rows(u.Output) != rowsIn * u.Stride)
        {
            throw new DslException(DslErrorCode.Model, $"{modelPath}: node '{u.Name}' (ConvTranspose) gives {graph.Rows(u.Output)} steps per frame from {rowsIn} with stride {u.Stride}; crop its output to exactly stride x input length (drop the trailing kernel - stride samples)");
        }
    }
}
