using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// How far back in time a path's state reaches. Every row of every tensor in a frame depends on input samples back
/// to some earliest one; following each node's exact row mapping (a conv's taps into its history, a transposed conv's
/// phases, elementwise rows) gives, per row, that earliest sample relative to the frame's start. Replaying the
/// handoff frames back to the earliest one after a reset reproduces continuous execution exactly. A sum of history
/// lengths per chain is not enough: a row at the end of a frame can reach further back than one at its start (an
/// upsampling layer's last output rows depend on input rows a whole coarse row older).
/// </summary>
public static class ReceptiveField
{
    /// <summary>Past frames (beyond the current one) that the nodes' state depends on.</summary>
    public static int ReplayFrames(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs) =>
        (int)Math.Ceiling((Reach(graph, nodes, inputs) / graph.FrameSamples) - 1e-9);

    /// <summary>The same reach in samples at the audio rate (for reports).</summary>
    public static long Samples(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs) =>
        (long)Math.Round(Reach(graph, nodes, inputs));

    /// <summary>Samples before the frame's start that some row of the nodes' tensors depends on.</summary>
    private static double Reach(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs)
    {
        int n = graph.FrameSamples;
        var earliest = new Dictionary<string, double[]>(StringComparer.Ordinal);

        // A tensor the nodes do not compute (the path's inputs): each row depends on its own time only.
        double[] Rows(string t)
        {
            if (!earliest.TryGetValue(t, out double[]? e))
            {
                int rows = graph.Rows(t);
                e = Enumerable.Range(0, rows).Select(r => (double)r * n / rows).ToArray();
                earliest[t] = e;
            }

            return e;
        }

        // Row i of a tensor, counted from this frame's first row (negative: earlier frames).
        double At(string t, int i)
        {
            double[] e = Rows(t);
            int frames = (int)Math.Floor((double)i / e.Length);
            return e[i - (frames * e.Length)] + ((double)frames * n);
        }

        foreach (string input in inputs)
        {
            Rows(input);
        }

        double min = 0;
        foreach (IrNode node in nodes)
        {
            int outRows = graph.Rows(node.Output);
            var e = new double[outRows];
            for (int r = 0; r < outRows; r++)
            {
                e[r] = node switch
                {
                    // Output row r reads buffer rows r*s + j*d, buffer row 0 being input row -history.
                    ConvNode c => Enumerable.Range(0, c.KernelSize).Min(j => At(c.Inputs[0], (r * c.Stride) + (j * c.Dilation) - c.HistoryRows)),
                    ConvTransposeNode u => TransposedEarliest(u, r, i => At(u.Inputs[0], i)),
                    _ => node.Inputs.Min(t => At(t, (int)((long)r * graph.Rows(t) / outRows))),
                };
            }

            earliest[node.Output] = e;
            min = Math.Min(min, e.Min());
        }

        return -min;
    }

    /// <summary>A transposed conv's output row r sums input buffer rows (r + h*s - j*d) / s over the taps j that land
    /// on a whole row (as the golden kernel does), buffer row 0 being input row -h.</summary>
    private static double TransposedEarliest(ConvTransposeNode u, int r, Func<int, double> inputRow)
    {
        int h = u.HistoryRows;
        double min = double.PositiveInfinity;
        for (int j = 0; j < u.KernelSize; j++)
        {
            int rest = r + (h * u.Stride) - (j * u.Dilation);
            if (rest >= 0 && rest % u.Stride == 0)
            {
                min = Math.Min(min, inputRow((rest / u.Stride) - h));
            }
        }

        return double.IsPositiveInfinity(min) ? inputRow(r / u.Stride) : min;
    }
}
