using Dsl.Compiler.Analysis;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Reference;

/// <summary>
/// The float reference with routing: the graph runs continuously (which replay makes equivalent),
/// and each frame's output is the heavy output on heavy frames, the light output (or silence in
/// gate mode) on light frames.
/// </summary>
public static class FloatRoutedRun
{
    public sealed record Frame(bool Heavy, int ReplayFrames, float Score, float[] Output);

    public static List<Frame> Run(IrGraph graph, Partition partition, DslManifest manifest, short[] audio)
    {
        var engine = new FloatEngine(graph);
        // The replay counts of the int routing (K of bounded replay); the float outputs stay those of exact replay.
        var router = new Router(manifest.Hold, ReplayBound.Check(partition.ReplayFrames, manifest), manifest.Replay);
        string score = graph.OutputTensor(manifest.SwitchOutput);
        string heavy = graph.OutputTensor(manifest.HeavyOutputs[0]);
        string? light = manifest.Mode == RoutingMode.Switch && manifest.LightOutputs.Count > 0 ? graph.OutputTensor(manifest.LightOutputs[0]) : null;
        int n = manifest.Frame;
        var frames = new List<Frame>();
        for (int f = 0; f + n <= audio.Length; f += n)
        {
            var tensors = new Dictionary<string, float[]> { [graph.Input] = Pcm.ToFloat(audio, f, n) };
            engine.RunFrame(tensors);
            float s = tensors[score][0];
            RouteStep route = router.Next(s >= manifest.Threshold);
            float[] output = route.Heavy ? tensors[heavy] : light is null ? new float[n] : tensors[light];
            frames.Add(new Frame(route.Heavy, route.ReplayFrames, s, output));
        }

        return frames;
    }
}
