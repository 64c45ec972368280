namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Gemm: alpha * op(A) * op(B) + beta * C with 2-D A and B, C broadcast to [M, N] (nn.Linear on 2-D input).</summary>
internal sealed class GemmRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        (long m, long _, long n) = Dims(c);
        return [[m, n]];
    }

    public override OnnxTensor[]? Fold(OpContext c)
    {
        (long m, long k, long n) = Dims(c);
        OnnxTensor a = c.Value(0), b = c.Value(1);
        bool ta = c.Node.GetInt("transA", 0) != 0, tb = c.Node.GetInt("transB", 0) != 0;
        double alpha = c.Node.GetFloat("alpha", 1f), beta = c.Node.GetFloat("beta", 1f);
        long[] shape = [m, n];
        long[]? mapC = c.Has(2) ? TensorMath.BroadcastMap(c, shape, c.Value(2).Shape) : null;
        TensorMath.CheckFoldWork(c, m, k, n);
        var y = new float[TensorMath.FoldedCount(c, shape)];
        for (long i = 0; i < m; i++)
        {
            for (long j = 0; j < n; j++)
            {
                double acc = 0;
                for (long p = 0; p < k; p++)
                {
                    acc += TensorMath.At(a, ta ? (p * m) + i : (i * k) + p) * TensorMath.At(b, tb ? (j * k) + p : (p * n) + j);
                }

                double bias = mapC is null ? 0 : TensorMath.At(c.Value(2), mapC[(i * n) + j]);
                y[(i * n) + j] = (float)((alpha * acc) + (beta * bias));
            }
        }

        return [TensorMath.Floats(c.OutputName(0), shape, y)];
    }

    private static (long M, long K, long N) Dims(OpContext c)
    {
        long[] a = c.Shape(0), b = c.Shape(1);
        if (a.Length != 2 || b.Length != 2)
        {
            throw c.Error($"Gemm needs 2-D inputs, got {OpContext.Show(a)} and {OpContext.Show(b)}");
        }

        bool ta = c.Node.GetInt("transA", 0) != 0, tb = c.Node.GetInt("transB", 0) != 0;
        long m = ta ? a[1] : a[0], k = ta ? a[0] : a[1];
        long kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
        if (k != kb)
        {
            throw c.Error($"inner dimensions differ: A {OpContext.Show(a)} (transA={ta}), B {OpContext.Show(b)} (transB={tb})");
        }

        if (c.Has(2))
        {
            long[]? broadcast = TensorMath.Broadcast([m, n], c.Shape(2));
            if (broadcast is null || broadcast[0] != m || broadcast[1] != n)
            {
                throw c.Error($"C {OpContext.Show(c.Shape(2))} does not broadcast to [{m}, {n}]");
            }
        }

        return (m, k, n);
    }
}
