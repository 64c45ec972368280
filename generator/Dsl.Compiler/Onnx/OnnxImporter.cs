using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Onnx;

/// <summary>Reads an .onnx file into a clean, constant-folded, shape-inferred <see cref="OnnxGraph"/>.</summary>
public static class OnnxImporter
{
    /// <summary>Lowest default-domain opset dslc accepts.</summary>
    public const long MinOpset = 13;

    /// <summary>Highest default-domain opset dslc accepts.</summary>
    public const long MaxOpset = 17;

    /// <summary>
    /// Imports <paramref name="path"/>; <paramref name="traceLength"/> is the number of samples of the
    /// [1, 1, T] audio input used to resolve every shape. Constants that torch computes from shapes
    /// (crop lengths, pad amounts) are folded for this length.
    /// </summary>
    /// <exception cref="DslException">The file is missing (Io), malformed or unsupported (Model).</exception>
    public static OnnxGraph Import(string path, long traceLength)
    {
        byte[] bytes = InputFile.ReadBytes(path, "the ONNX model");

        return Import(path, bytes, traceLength);
    }

    /// <summary>Imports the ONNX file content <paramref name="bytes"/>; <paramref name="path"/> is only used in messages.</summary>
    /// <exception cref="DslException">The model is malformed or unsupported (Model).</exception>
    public static OnnxGraph Import(string path, byte[] bytes, long traceLength)
    {
        if (traceLength < 1)
        {
            throw new DslException(DslErrorCode.Usage, $"{path}: the trace length must be at least 1 sample, got {traceLength}");
        }

        OnnxFileModel model = OnnxProtoReader.Read(path, bytes);
        if (!model.HasGraph || model.Nodes.Count == 0)
        {
            throw new DslException(DslErrorCode.Model, $"{path}: the file holds no ONNX graph with nodes; is it an .onnx model exported by torch.onnx.export?");
        }

        long opset = DefaultOpset(path, model);
        try
        {
            return new OnnxGraphResolver(path, opset, model, traceLength, bytes.Length).Resolve();
        }
        catch (Exception e) when (e is not DslException)
        {
            // Op rules wrap their own failures with the node; this is the last guard so that no
            // file, however odd, escapes as anything but a DslException.
            throw new DslException(
                DslErrorCode.Model,
                $"{path}: dslc could not import this model ({e.GetType().Name}: {e.Message}); if onnxruntime loads it, please report a dslc bug with the file",
                e);
        }
    }

    private static long DefaultOpset(string path, OnnxFileModel model)
    {
        long? opset = null;
        foreach ((string domain, long version) in model.OpsetImports)
        {
            if (domain is "" or "ai.onnx")
            {
                opset = version;
            }
        }

        if (opset is not long v)
        {
            throw new DslException(DslErrorCode.Model, $"{path}: the model declares no opset for the default ONNX domain; re-export it with torch.onnx.export(..., opset_version=17)");
        }

        if (v < MinOpset || v > MaxOpset)
        {
            throw new DslException(DslErrorCode.Model, $"{path}: opset {v} is not supported; dslc reads opsets {MinOpset} to {MaxOpset}: re-export with torch.onnx.export(..., opset_version=17)");
        }

        return v;
    }
}
