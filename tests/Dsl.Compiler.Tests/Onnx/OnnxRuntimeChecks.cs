using Dsl.Compiler.Onnx;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>Import helpers that hold the importer to onnxruntime's answer for the same model bytes.</summary>
internal static class OnnxRuntimeChecks
{
    /// <summary>Imports with input "x" at <paramref name="traceLength"/> and asserts every output shape equals onnxruntime's.</summary>
    public static OnnxGraph ImportChecked(this OnnxModelBuilder builder, long traceLength)
    {
        OnnxGraph g = builder.Import(traceLength);
        foreach ((string name, (long[] shape, float[] _)) in OnnxRuntimeOracle.Run(builder.ToBytes(), "x", traceLength))
        {
            Assert.Equal(shape, g.Shapes[name]);
        }

        return g;
    }
}
