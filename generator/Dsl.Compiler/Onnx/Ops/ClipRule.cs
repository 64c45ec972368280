namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Clip (opset 11+): X, optional constant scalar min and max → X's shape (torch's hardtanh, clamp, ReLU6).</summary>
internal sealed class ClipRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        foreach ((int index, string what) in new[] { (1, "min"), (2, "max") })
        {
            if (c.OptionalConstant(index, what) is { } bound && (!bound.IsFloat || bound.ElementCount != 1))
            {
                throw c.Error($"has a {what} bound of shape {OpContext.Show(bound.Shape)}; dslc supports one float {what} for the whole tensor");
            }
        }

        return [c.Shape(0)];
    }

    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor x = c.Value(0);
        if (!x.IsFloat)
        {
            return null;
        }

        float lo = c.Has(1) ? c.Value(1).Floats[0] : float.NegativeInfinity;
        float hi = c.Has(2) ? c.Value(2).Floats[0] : float.PositiveInfinity;
        TensorMath.FoldedCount(c, x.Shape);
        return [TensorMath.Floats(c.OutputName(0), x.Shape, x.Floats.Select(v => Math.Clamp(v, lo, hi)).ToArray(), x.ElementType)];
    }
}
