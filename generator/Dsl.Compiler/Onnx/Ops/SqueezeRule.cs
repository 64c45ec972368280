namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Squeeze (opset 13 form: axes as an optional constant input; none removes every axis of size 1).</summary>
internal sealed class SqueezeRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Target(c)];

    public override OnnxTensor[]? Fold(OpContext c) => [TensorMath.WithShape(c.Value(0), c.OutputName(0), Target(c))];

    private static long[] Target(OpContext c)
    {
        long[] x = c.Shape(0);
        if (!c.Has(1))
        {
            return x.Where(d => d != 1).ToArray();
        }

        var axes = c.Ints(1, "axes").Select(a => c.Axis(a, x.Length)).ToHashSet();
        foreach (int a in axes)
        {
            if (x[a] != 1)
            {
                throw c.Error($"cannot squeeze axis {a} of {OpContext.Show(x)}: its size is not 1");
            }
        }

        return x.Where((_, i) => !axes.Contains(i)).ToArray();
    }
}
