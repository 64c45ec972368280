namespace Dsl.Compiler.Onnx;

/// <summary>Reads an .onnx file into a clean, constant-folded, shape-inferred <see cref="OnnxGraph"/>.</summary>
public static class OnnxImporter
{
    /// <summary>
    /// Imports <paramref name="path"/>; <paramref name="traceLength"/> is the number of samples of the
    /// [1, 1, T] audio input used to resolve every shape.
    /// </summary>
    /// <exception cref="Diagnostics.DslException">The file is missing, malformed or unsupported.</exception>
    public static OnnxGraph Import(string path, long traceLength)
    {
        throw new NotImplementedException();
    }
}
