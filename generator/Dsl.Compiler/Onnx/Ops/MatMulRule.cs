namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// MatMul with numpy semantics: [..., M, K] x [..., K, N] → [broadcast(...), M, N]; a rank-1 operand
/// is promoted to a matrix and the promoted axis removed again. torch's nn.Linear on 3-D tensors
/// exports as MatMul by the transposed weight followed by Add of the bias.
/// </summary>
internal sealed class MatMulRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Plan(c).Output];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor a = c.Value(0), b = c.Value(1);
        if (!a.IsFloat || !b.IsFloat)
        {
            throw c.Error("cannot fold MatMul of integer constants");
        }

        Geometry g = Plan(c);
        long m = g.A[^2], k = g.A[^1], n = g.B[^1];
        long[] batch = TensorMath.Broadcast(g.A[..^2], g.B[..^2])!;
        long[] mapA = TensorMath.BroadcastMap(c, batch, g.A[..^2]), mapB = TensorMath.BroadcastMap(c, batch, g.B[..^2]);
        TensorMath.CheckFoldWork(c, mapA.Length * m, k, n);
        var y = new float[TensorMath.FoldedCount(c, [mapA.Length, m, n])];
        for (int bi = 0; bi < mapA.Length; bi++)
        {
            long offA = mapA[bi] * m * k, offB = mapB[bi] * k * n, offY = bi * m * n;
            for (long i = 0; i < m; i++)
            {
                for (long j = 0; j < n; j++)
                {
                    double acc = 0;
                    for (long p = 0; p < k; p++)
                    {
                        acc += a.Floats[offA + (i * k) + p] * (double)b.Floats[offB + (p * n) + j];
                    }

                    y[offY + (i * n) + j] = (float)acc;
                }
            }
        }

        return [TensorMath.Floats(c.OutputName(0), g.Output, y)];
    }

    /// <summary>Operand shapes promoted to rank >= 2 and the output shape.</summary>
    private static Geometry Plan(OpContext c)
    {
        long[] a0 = c.Shape(0), b0 = c.Shape(1);
        if (a0.Length == 0 || b0.Length == 0)
        {
            throw c.Error("MatMul operands must have rank >= 1");
        }

        long[] a = a0.Length == 1 ? [1, a0[0]] : a0;
        long[] b = b0.Length == 1 ? [b0[0], 1] : b0;
        if (a[^1] != b[^2])
        {
            throw c.Error($"inner dimensions of {OpContext.Show(a0)} and {OpContext.Show(b0)} differ");
        }

        long[] batch = TensorMath.Broadcast(a[..^2], b[..^2])
            ?? throw c.Error($"batch dimensions of {OpContext.Show(a0)} and {OpContext.Show(b0)} do not broadcast");
        var output = new List<long>(batch);
        if (a0.Length > 1)
        {
            output.Add(a[^2]);
        }

        if (b0.Length > 1)
        {
            output.Add(b[^1]);
        }

        return new Geometry(a, b, output.ToArray());
    }

    private sealed record Geometry(long[] A, long[] B, long[] Output);
}
