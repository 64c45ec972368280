namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Element-wise two-input ops with numpy broadcasting. Add and Mul are compute ops; Sub, Div, Pow and
/// the comparisons only fold (they appear in torch's shape arithmetic). Integer inputs stay integer
/// (Div truncates toward zero like C, as onnxruntime does); comparisons give Bool.
/// </summary>
internal sealed class BinaryRule(bool isCompute, Func<double, double, double> floatOp, Func<long, long, long>? intOp, bool comparison = false) : OpRule
{
    public override bool IsCompute => isCompute;

    public override long[][] InferShapes(OpContext c) => [Shape(c)];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor a = c.Value(0), b = c.Value(1);
        long[] shape = Shape(c);
        long[] ma = TensorMath.BroadcastMap(c, shape, a.Shape), mb = TensorMath.BroadcastMap(c, shape, b.Shape);
        string name = c.OutputName(0);
        if (!a.IsFloat && !b.IsFloat && intOp is not null)
        {
            var v = new long[ma.Length];
            for (int i = 0; i < v.Length; i++)
            {
                try
                {
                    v[i] = intOp(a.Ints[ma[i]], b.Ints[mb[i]]);
                }
                catch (DivideByZeroException)
                {
                    throw c.Error("integer division by zero while folding constants");
                }
            }

            return [TensorMath.Ints(name, shape, v, comparison ? OnnxElementType.Bool : a.ElementType)];
        }

        var d = new double[ma.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = floatOp(TensorMath.At(a, ma[i]), TensorMath.At(b, mb[i]));
        }

        if (comparison)
        {
            return [TensorMath.Ints(name, shape, d.Select(x => (long)x).ToArray(), OnnxElementType.Bool)];
        }

        OnnxElementType type = a.IsFloat ? a.ElementType : b.IsFloat ? b.ElementType : a.ElementType;
        return type is OnnxElementType.Float or OnnxElementType.Double
            ? [TensorMath.Floats(name, shape, d.Select(x => (float)x).ToArray(), type)]
            : [TensorMath.Ints(name, shape, d.Select(x => (long)x).ToArray(), type)];
    }

    private static long[] Shape(OpContext c)
    {
        long[] a = c.Shape(0), b = c.Shape(1);
        return TensorMath.Broadcast(a, b)
            ?? throw c.Error($"input shapes {OpContext.Show(a)} and {OpContext.Show(b)} do not broadcast");
    }
}
