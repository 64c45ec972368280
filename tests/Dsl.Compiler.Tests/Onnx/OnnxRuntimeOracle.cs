using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>
/// Runs a model with onnxruntime on a [1, 1, T] input: the reference that the importer's shape
/// inference and constant folding are checked against.
/// </summary>
public static class OnnxRuntimeOracle
{
    /// <summary>Every graph output's shape and float values for an input of <paramref name="traceLength"/> samples.</summary>
    public static Dictionary<string, (long[] Shape, float[] Values)> Run(byte[] model, string input, long traceLength)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var x = new DenseTensor<float>(new[] { 1, 1, (int)traceLength });
        for (int i = 0; i < traceLength; i++)
        {
            x[0, 0, i] = MathF.Sin(i * 0.37f);
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor(input, x)]);
        return results.ToDictionary(
            r => r.Name,
            r =>
            {
                Tensor<float> t = r.AsTensor<float>();
                return (t.Dimensions.ToArray().Select(d => (long)d).ToArray(), t.ToArray());
            });
    }
}
