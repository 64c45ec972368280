using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Reference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dsl.Cli.Checks;

/// <summary>Runs a model in onnxruntime on a whole clip and the float reference frame by frame.</summary>
public static class OnnxRuntimeComparison
{
    /// <summary>Per model output: max |ort - reference| / max |ort|.</summary>
    public static IEnumerable<(string Output, double RelativeError)> Compare(DslManifest manifest, IrGraph graph, short[] audio)
    {
        int n = manifest.Frame;
        int frames = audio.Length / n;
        var x = new DenseTensor<float>(new[] { 1, 1, frames * n });
        for (int i = 0; i < frames * n; i++)
        {
            x[0, 0, i] = audio[i] / 32768f;
        }

        using var session = new InferenceSession(manifest.ModelPath);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run(new[] { NamedOnnxValue.CreateFromTensor(manifest.Input, x) });
        var ort = results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());

        var engine = new FloatEngine(graph);
        var streamed = graph.Outputs.Keys.ToDictionary(k => k, _ => new List<float>());
        for (int f = 0; f < frames; f++)
        {
            var tensors = new Dictionary<string, float[]> { [graph.Input] = Pcm.ToFloat(audio, f * n, n) };
            engine.RunFrame(tensors);
            foreach (string output in graph.Outputs.Keys)
            {
                streamed[output].AddRange(tensors[graph.OutputTensor(output)]);
            }
        }

        foreach (string output in graph.Outputs.Keys)
        {
            float[] o = ort[output];
            int channels = graph.Tensor(graph.OutputTensor(output)).Channels;
            int steps = o.Length / channels;
            double maxDiff = 0, maxAbs = 1e-12;
            for (int c = 0; c < channels; c++)
            {
                for (int t = 0; t < steps; t++)
                {
                    // onnxruntime: [1, C, T]; the reference: time-major [T][C].
                    maxDiff = Math.Max(maxDiff, Math.Abs(o[(c * steps) + t] - streamed[output][(t * channels) + c]));
                    maxAbs = Math.Max(maxAbs, Math.Abs(o[(c * steps) + t]));
                }
            }

            yield return (output, maxDiff / maxAbs);
        }
    }
}
