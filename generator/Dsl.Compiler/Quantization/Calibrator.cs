using Dsl.Compiler.Ir;
using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Quantization;

/// <summary>Runs the float reference over calibration clips and records every range.</summary>
public static class Calibrator
{
    public static CalibrationRanges Run(IrGraph graph, IReadOnlyList<(string Name, short[] Samples)> clips, Action<string>? progress = null)
    {
        var ranges = new CalibrationRanges();
        var engine = new FloatEngine(graph) { Observer = ranges };
        int clipIndex = 0;
        foreach ((string name, short[] samples) in clips)
        {
            clipIndex++;
            engine.Reset();
            int frames = samples.Length / graph.FrameSamples;
            for (int f = 0; f < frames; f++)
            {
                var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal)
                {
                    [graph.Input] = Pcm.ToFloat(samples, f * graph.FrameSamples, graph.FrameSamples),
                };
                engine.RunFrame(tensors);
                ranges.Frames++;
            }

            progress?.Invoke($"calibration {clipIndex}/{clips.Count}: {name} ({frames} frames)");
        }

        return ranges;
    }
}
