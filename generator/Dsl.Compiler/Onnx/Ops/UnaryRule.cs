namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Element-wise one-input ops. Activations (Elu, Relu, LeakyRelu, Tanh, Sigmoid) are compute ops that
/// also fold on constants (e.g. sigmoid of a mask parameter); the others (Neg, Sqrt, ...) only fold.
/// </summary>
internal sealed class UnaryRule(bool isCompute, Func<double, OnnxNode, double> floatOp, Func<long, long>? intOp = null) : OpRule
{
    public override bool IsCompute => isCompute;

    public override long[][] InferShapes(OpContext c) => [c.Shape(0)];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor x = c.Value(0);
        TensorMath.FoldedCount(c, x.Shape);
        if (!x.IsFloat)
        {
            if (intOp is null)
            {
                throw c.Error($"cannot fold on an integer ({x.ElementType}) constant");
            }

            return [TensorMath.Ints(c.OutputName(0), x.Shape, x.Ints.Select(intOp).ToArray(), x.ElementType)];
        }

        var y = new float[x.Floats.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (float)floatOp(x.Floats[i], c.Node);
        }

        return [TensorMath.Floats(c.OutputName(0), x.Shape, y, x.ElementType)];
    }
}
