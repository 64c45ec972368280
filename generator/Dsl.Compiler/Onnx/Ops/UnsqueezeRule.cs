namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Unsqueeze (opset 13 form: axes as a constant input, counted in the output rank).</summary>
internal sealed class UnsqueezeRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Target(c)];

    public override OnnxTensor[]? Fold(OpContext c) => [TensorMath.WithShape(c.Value(0), c.OutputName(0), Target(c))];

    private static long[] Target(OpContext c)
    {
        long[] x = c.Shape(0);
        long[] raw = c.Ints(1, "axes");
        int rank = x.Length + raw.Length;
        var axes = raw.Select(a => c.Axis(a, rank)).ToHashSet();
        if (axes.Count != raw.Length)
        {
            throw c.Error($"axes {OpContext.Show(raw)} repeat an axis");
        }

        var y = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++)
        {
            y[i] = axes.Contains(i) ? 1 : x[next++];
        }

        return y;
    }
}
