using Dsl.Compiler.Golden;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Reference;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Precision;

/// <summary>
/// Judges a candidate program: the golden model runs always-heavy over the evaluation audio and each audio output
/// (light and heavy) is compared with the float reference, which runs once here. The SNR of an output is computed
/// per gain over all its frames (<see cref="QualityMetrics.Snr"/>) and the worst gain counts.
/// </summary>
public sealed class CandidateEvaluator
{
    private readonly IReadOnlyList<EvaluationClip> clips;
    private readonly IReadOnlyList<double> gains;
    private readonly bool lightOutput;
    private readonly string lightName;
    private readonly string heavyName;

    // Float outputs per clip, in int16 LSB: [clip][sample].
    private readonly double[][] lightReference;
    private readonly double[][] heavyReference;

    public CandidateEvaluator(IrGraph graph, DslManifest manifest, bool hasLightOutput, IReadOnlyList<EvaluationClip> clips)
    {
        this.clips = clips;
        gains = clips.Select(c => c.GainDb).Distinct().ToList();
        lightOutput = hasLightOutput && manifest.LightOutputs.Count > 0;
        lightName = lightOutput ? manifest.LightOutputs[0] : "";
        heavyName = manifest.HeavyOutputs[0];
        string heavy = graph.OutputTensor(heavyName);
        string? light = lightOutput ? graph.OutputTensor(lightName) : null;
        int n = manifest.Frame;
        lightReference = new double[clips.Count][];
        heavyReference = new double[clips.Count][];
        for (int c = 0; c < clips.Count; c++)
        {
            short[] pcm = clips[c].Pcm;
            var engine = new FloatEngine(graph);
            lightReference[c] = new double[light is null ? 0 : pcm.Length];
            heavyReference[c] = new double[pcm.Length];
            for (int f = 0; f * n < pcm.Length; f++)
            {
                var tensors = new Dictionary<string, float[]> { [graph.Input] = Pcm.ToFloat(pcm, f * n, n) };
                engine.RunFrame(tensors);
                for (int i = 0; i < n; i++)
                {
                    heavyReference[c][(f * n) + i] = tensors[heavy][i] * 32768.0;
                    if (light is not null)
                    {
                        lightReference[c][(f * n) + i] = tensors[light][i] * 32768.0;
                    }
                }
            }
        }
    }

    /// <summary>Frames of evaluation audio (all gains).</summary>
    public int Frames(int frameSamples) => clips.Sum(c => c.Pcm.Length / frameSamples);

    /// <summary>The SNR of every audio output of <paramref name="program"/>: the heavy output first, then the light one.</summary>
    public IReadOnlyList<OutputSnr> Evaluate(ModelProgram program)
    {
        int g = gains.Count;
        var signal = new double[2, g];
        var noise = new double[2, g];
        var model = new GoldenModel(program);
        for (int c = 0; c < clips.Count; c++)
        {
            int gi = IndexOf(clips[c].GainDb);
            List<FrameRecord> frames = model.RunClip(clips[c].Pcm, alwaysHeavy: true);
            int n = program.FrameSamples;
            for (int f = 0; f < frames.Count; f++)
            {
                Accumulate(frames[f].HeavyOut, heavyReference[c], f * n, 0, gi, signal, noise);
                if (lightOutput)
                {
                    Accumulate(frames[f].LightOut, lightReference[c], f * n, 1, gi, signal, noise);
                }
            }
        }

        double Worst(int o) => Enumerable.Range(0, g).Min(i => QualityMetrics.Snr(signal[o, i], noise[o, i]));
        var result = new List<OutputSnr> { new(heavyName, Worst(0)) };
        if (lightOutput)
        {
            result.Add(new OutputSnr(lightName, Worst(1)));
        }

        return result;
    }

    private int IndexOf(double gain)
    {
        for (int i = 0; i < gains.Count; i++)
        {
            if (gains[i].Equals(gain))
            {
                return i;
            }
        }

        throw new InvalidOperationException("evaluation clip with a gain not in the list");
    }

    private static void Accumulate(short[] output, double[] reference, int at, int o, int gi, double[,] signal, double[,] noise)
    {
        for (int i = 0; i < output.Length; i++)
        {
            double r = reference[at + i];
            double e = output[i] - r;
            signal[o, gi] += r * r;
            noise[o, gi] += e * e;
        }
    }
}
