using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Reference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dsl.Cli.Checks;

/// <summary>
/// Runs a model in onnxruntime and the float reference frame by frame on the same audio and compares
/// the outputs. A model exported with a free time length gets the whole clip at once; one exported
/// with a fixed length L (onnxruntime accepts only L samples) gets consecutive windows of L samples,
/// each compared with a float reference started afresh (both start from zero history).
/// </summary>
public static class OnnxRuntimeComparison
{
    /// <summary>
    /// Largest accepted max |ort - reference| / full scale, where full scale is the larger of the output's
    /// quantized full scale (<see cref="FullScales"/>, when given) and its peak |ort| on the clip; dslc
    /// validate exits 10 above it. The two differ only by float32 summation order: measured at most 2.8e-7
    /// on the op tests, 4.8e-7 on the tiny model and 8.0e-7 on the shipped model's 13 test clips. 1e-5
    /// leaves a 12x margin and is a third of one int16 LSB; a 1% change of one weight of the tiny model's
    /// first conv gives 1.4e-4 (see the tests).
    /// </summary>
    public const double Tolerance = 1e-5;

    /// <summary>Compares one clip; see <see cref="OnnxRuntimeComparison"/>.</summary>
    public static OnnxRuntimeAgreement Compare(DslManifest manifest, IrGraph graph, short[] audio,
        IReadOnlyDictionary<string, double>? fullScales = null)
    {
        using var session = new InferenceSession(manifest.ModelPath);
        return Compare(session, manifest, graph, audio, fullScales);
    }

    /// <summary>
    /// Full scale of each model output: the largest magnitude its quantization represents (1.0 for
    /// int16 audio, the calibrated range for int8). Errors are relative to it, so that a quiet clip (whose
    /// own peak is small) is not held to a tighter bound than a loud one.
    /// </summary>
    public static IReadOnlyDictionary<string, double> FullScales(CompiledModel model) =>
        model.Graph.Outputs.Keys.ToDictionary(o => o, o =>
        {
            QuantParams q = model.Quantization.Of(model.Graph.OutputTensor(o));
            return Math.Max(Math.Abs(q.Dequantize(q.Min)), Math.Abs(q.Dequantize(q.Max)));
        });

    /// <summary>
    /// Compares every clip, prints one line per clip and output through <paramref name="print"/>, and
    /// throws a <see cref="DslErrorCode.Mismatch"/> error naming the first clip and output beyond
    /// <see cref="Tolerance"/> after all clips were compared.
    /// </summary>
    public static void Check(DslManifest manifest, IrGraph graph, IReadOnlyList<(string Name, short[] Audio)> clips, Action<string> print,
        IReadOnlyDictionary<string, double>? fullScales = null)
    {
        using var session = new InferenceSession(manifest.ModelPath);
        string? failure = null;
        foreach ((string name, short[] audio) in clips)
        {
            OnnxRuntimeAgreement a = Compare(session, manifest, graph, audio, fullScales);
            if (a.SkippedBecause is { } why)
            {
                print($"float reference vs onnxruntime, {name}: not compared: {why}");
                continue;
            }

            string windows = a.Windows == 1 ? "" : $", {a.Windows} windows of {a.WindowSamples} samples (fixed export length)";
            foreach (OnnxRuntimeOutputError e in a.Outputs)
            {
                bool ok = e.RelativeError <= Tolerance;
                print($"float reference vs onnxruntime, {name}, {e.Output}: max error {e.RelativeError:E2} of full scale{windows} ({(ok ? "ok" : $"TOO LARGE, tolerance {Tolerance:E0}")})");
                failure ??= ok ? null : $"{name}: output '{e.Output}' of the float reference differs from onnxruntime by {e.RelativeError:E2} of full scale, more than the tolerance {Tolerance:E0}; dslc does not compute what {manifest.ModelPath} computes: please report it with the model";
            }
        }

        if (failure is not null)
        {
            throw new DslException(DslErrorCode.Mismatch, failure);
        }
    }

    /// <summary>The time length a model was exported with, or null when it is free (symbolic).</summary>
    public static int? FixedInputLength(InferenceSession session, string input)
    {
        int[] dims = session.InputMetadata.TryGetValue(input, out NodeMetadata? meta) ? meta.Dimensions : [];
        return dims.Length == 3 && dims[2] > 0 ? dims[2] : null;
    }

    private static OnnxRuntimeAgreement Compare(InferenceSession session, DslManifest manifest, IrGraph graph, short[] audio,
        IReadOnlyDictionary<string, double>? fullScales)
    {
        int n = manifest.Frame;
        int? fixedLength = FixedInputLength(session, manifest.Input);
        int window = fixedLength ?? (audio.Length / n * n);
        if (window < n)
        {
            string why = fixedLength is null
                ? $"the clip has {audio.Length} samples, shorter than one frame ({n})"
                : $"the model was exported with a fixed length of {fixedLength} samples, less than one frame ({n})";
            return new OnnxRuntimeAgreement([], 0, window, why);
        }

        int windows = audio.Length / window;
        if (windows == 0)
        {
            return new OnnxRuntimeAgreement([], 0, window,
                $"the clip has {audio.Length} samples, shorter than the model's fixed export length ({window})");
        }

        var maxDiff = graph.Outputs.Keys.ToDictionary(k => k, _ => 0.0);
        var maxAbs = graph.Outputs.Keys.ToDictionary(k => k, k => fullScales?.GetValueOrDefault(k) ?? 1e-12);
        for (int w = 0; w < windows; w++)
        {
            CompareWindow(session, manifest.Input, graph, audio, w * window, window, n, maxDiff, maxAbs);
        }

        return new OnnxRuntimeAgreement(
            graph.Outputs.Keys.Select(o => new OnnxRuntimeOutputError(o, maxDiff[o] / maxAbs[o])).ToList(), windows, window, null);
    }

    private static void CompareWindow(InferenceSession session, string input, IrGraph graph, short[] audio, int start, int length, int n,
        Dictionary<string, double> maxDiff, Dictionary<string, double> maxAbs)
    {
        var x = new DenseTensor<float>(new[] { 1, 1, length });
        for (int i = 0; i < length; i++)
        {
            x[0, 0, i] = audio[start + i] / 32768f;
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run(new[] { NamedOnnxValue.CreateFromTensor(input, x) });
        var ort = results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());

        // A fresh engine per window: onnxruntime starts every window from zero history too.
        var engine = new FloatEngine(graph);
        var streamed = graph.Outputs.Keys.ToDictionary(k => k, _ => new List<float>());
        for (int f = 0; f < length / n; f++)
        {
            var tensors = new Dictionary<string, float[]> { [graph.Input] = Pcm.ToFloat(audio, start + (f * n), n) };
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
            int ortSteps = o.Length / channels;

            // A fixed length that is not a whole number of frames leaves onnxruntime a tail the
            // frame-by-frame reference never computes: compare the steps both have.
            int steps = Math.Min(ortSteps, streamed[output].Count / channels);
            for (int c = 0; c < channels; c++)
            {
                for (int t = 0; t < steps; t++)
                {
                    // onnxruntime: [1, C, T]; the reference: time-major [T][C].
                    maxDiff[output] = Math.Max(maxDiff[output], Math.Abs(o[(c * ortSteps) + t] - streamed[output][(t * channels) + c]));
                    maxAbs[output] = Math.Max(maxAbs[output], Math.Abs(o[(c * ortSteps) + t]));
                }
            }
        }
    }
}
