namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Cast of constants to any type dslc knows (float to integer truncates toward zero, as onnxruntime's
/// static_cast does; bool is "not zero"). On audio data only a cast to float is accepted: the importer
/// then treats it like Identity.
/// </summary>
internal sealed class CastRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        long to = c.Node.GetInt("to", 0);
        if (to != (long)OnnxElementType.Float)
        {
            throw c.Error($"casting audio data to ONNX type {to} is not supported; dslc computes in float32 before quantization");
        }

        return [c.Shape(0)];
    }

    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor x = c.Value(0);
        TensorMath.FoldedCount(c, x.Shape);
        long to = c.Node.GetInt("to", 0);
        if (!Enum.IsDefined(typeof(OnnxElementType), (int)to))
        {
            throw c.Error($"cast to ONNX type {to} is not supported");
        }

        var type = (OnnxElementType)to;
        string name = c.OutputName(0);
        if (type is OnnxElementType.Float or OnnxElementType.Double)
        {
            float[] f = x.IsFloat ? x.Floats : x.Ints.Select(v => (float)v).ToArray();
            return [TensorMath.Floats(name, x.Shape, f, type)];
        }

        long[] v = type == OnnxElementType.Bool
            ? (x.IsFloat ? x.Floats.Select(f => f != 0 ? 1L : 0L) : x.Ints.Select(i => i != 0 ? 1L : 0L)).ToArray()
            : x.IsFloat ? x.Floats.Select(Truncate).ToArray() : x.Ints;
        v = type switch
        {
            OnnxElementType.Int8 => v.Select(i => (long)unchecked((sbyte)i)).ToArray(),
            OnnxElementType.Uint8 => v.Select(i => (long)unchecked((byte)i)).ToArray(),
            OnnxElementType.Int32 => v.Select(i => (long)unchecked((int)i)).ToArray(),
            _ => v,
        };
        return [TensorMath.Ints(name, x.Shape, v, type)];
    }

    private static long Truncate(float f) => float.IsNaN(f) ? 0 : (long)Math.Clamp(Math.Truncate((double)f), long.MinValue, long.MaxValue);
}
