using Dsl.Cli.Verbs;
using Dsl.Compiler.Analysis;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;

namespace Dsl.Cli.Commands;

/// <summary>dslc inspect: the streamed graph and its partition, without calibration.</summary>
public static class InspectCommand
{
    public static int Run(InspectOptions o)
    {
        (DslManifest manifest, IrGraph graph, Partition partition) = ModelCompiler.Analyze(CommandSupport.ManifestPath(o.Model));
        double fps = (double)manifest.SampleRate / manifest.Frame;
        Console.WriteLine($"{manifest.Name}: {manifest.SampleRate} Hz, frame {manifest.Frame} samples ({fps:G4} frames/s), mode {manifest.Mode.ToString().ToLowerInvariant()}, threshold {manifest.Threshold}, hold {manifest.Hold}");
        Console.WriteLine();
        Console.WriteLine($"{"path",-6} {"node",-40} {"kind",-24} {"out ch x rows",14} {"history",8} {"MACs/frame",12} {"params",9}");
        foreach (IrNode n in graph.Nodes)
        {
            string path = partition.LightNodes.Contains(n) ? "light" : partition.HeavyNodes.Contains(n) ? "heavy" : "-";
            int history = n switch { ConvNode c => c.HistoryRows, ConvTransposeNode u => u.HistoryRows, _ => 0 };
            Console.WriteLine($"{path,-6} {Trim(n.Name, 40),-40} {n.Kind,-24} {$"{graph.Tensor(n.Output).Channels} x {graph.Rows(n.Output)}",14} {history,8} {n.MacsPerFrame(graph),12:N0} {n.Parameters,9:N0}");
        }

        long lightMacs = partition.LightNodes.Sum(n => n.MacsPerFrame(graph));
        long heavyMacs = partition.HeavyNodes.Sum(n => n.MacsPerFrame(graph));
        Console.WriteLine();
        Console.WriteLine($"light path: {partition.LightNodes.Count} nodes, {lightMacs:N0} MACs/frame ({lightMacs * fps:N0} MACs/s), {partition.LightNodes.Sum(n => n.Parameters):N0} params");
        Console.WriteLine($"heavy path: {partition.HeavyNodes.Count} nodes, {heavyMacs:N0} MACs/frame ({heavyMacs * fps:N0} MACs/s), {partition.HeavyNodes.Sum(n => n.Parameters):N0} params");
        Console.WriteLine($"handoff: {string.Join(", ", partition.Handoff.Select(t => $"{t} ({graph.Tensor(t).Channels} x {graph.Rows(t)})"))}");
        Console.WriteLine($"heavy receptive field: {ReceptiveField.Samples(graph, partition.HeavyNodes, partition.Handoff)} samples -> replay {partition.ReplayFrames} frame(s) on a light-to-heavy switch");
        return 0;
    }

    private static string Trim(string s, int width) => s.Length <= width ? s : "…" + s[^(width - 1)..];
}
