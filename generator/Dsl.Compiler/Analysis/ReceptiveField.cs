using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// How far back in time a path's state reaches. A node's history rows hold inputs from the past;
/// those inputs themselves depend on earlier inputs. Summing history (in frames) along every chain
/// gives how many past frames of the path's inputs determine its state: replaying that many
/// handoff frames after a reset reproduces continuous execution exactly.
/// </summary>
public static class ReceptiveField
{
    /// <summary>Past frames (beyond the current one) that the nodes' state depends on.</summary>
    public static int ReplayFrames(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs) =>
        (int)Math.Ceiling(Frames(graph, nodes, inputs) - 1e-9);

    /// <summary>The same reach in samples at the audio rate (for reports).</summary>
    public static long Samples(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs) =>
        (long)Math.Round(Frames(graph, nodes, inputs) * graph.FrameSamples);

    private static double Frames(IrGraph graph, IReadOnlyList<IrNode> nodes, IEnumerable<string> inputs)
    {
        var reach = inputs.ToDictionary(t => t, _ => 0.0, StringComparer.Ordinal);
        double worst = 0;
        foreach (IrNode node in nodes)
        {
            double inReach = node.Inputs.Select(i => reach.TryGetValue(i, out double r) ? r : 0.0).Max();
            int history = node switch { ConvNode c => c.HistoryRows, ConvTransposeNode u => u.HistoryRows, _ => 0 };
            reach[node.Output] = inReach + (history == 0 ? 0 : (double)history / graph.Rows(node.Inputs[0]));
            worst = Math.Max(worst, reach[node.Output]);
        }

        return worst;
    }
}
