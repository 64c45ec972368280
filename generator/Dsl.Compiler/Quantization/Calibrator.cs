using Dsl.Compiler.Ir;
using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Quantization;

/// <summary>Runs the float reference over calibration clips and records every range.</summary>
public static class Calibrator
{
    /// <summary>Each clip is run once per gain in <paramref name="gainsDb"/> (default: once as it is), so quiet or loud
    /// copies of the calibration audio count as calibration audio too.</summary>
    public static CalibrationRanges Run(IrGraph graph, IReadOnlyList<(string Name, short[] Samples)> clips, Action<string>? progress = null,
        IReadOnlyList<double>? gainsDb = null)
    {
        IReadOnlyList<double> gains = gainsDb is { Count: > 0 } ? gainsDb : [0.0];
        var ranges = new CalibrationRanges();
        var engine = new FloatEngine(graph) { Observer = ranges };
        int clipIndex = 0;
        foreach ((string name, short[] original) in clips)
        {
            clipIndex++;
            foreach (double gain in gains)
            {
                short[] samples = CalibrationGain.Apply(original, gain);
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

                string level = gain == 0.0 ? string.Empty : FormattableString.Invariant($" at {gain:+0.##;-0.##} dB");
                progress?.Invoke($"calibration {clipIndex}/{clips.Count}: {name}{level} ({frames} frames)");
            }
        }

        return ranges;
    }
}
