namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Transpose: output axis i is input axis perm[i]; perm defaults to reversing the axes.</summary>
internal sealed class TransposeRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        long[] x = c.Shape(0);
        int[] perm = Perm(c, x.Length);
        return [perm.Select(p => x[p]).ToArray()];
    }

    public override OnnxTensor[]? Fold(OpContext c)
    {
        long[] x = c.Shape(0);
        int[] perm = Perm(c, x.Length);
        long[] y = perm.Select(p => x[p]).ToArray();
        long[] strides = TensorMath.Strides(x);
        var map = new long[TensorMath.FoldedCount(c, y)];
        var idx = new long[y.Length];
        for (long k = 0; k < map.Length; k++)
        {
            long src = 0;
            for (int d = 0; d < y.Length; d++)
            {
                src += idx[d] * strides[perm[d]];
            }

            map[k] = src;
            TensorMath.Increment(idx, y);
        }

        return [TensorMath.Select(c.Value(0), c.OutputName(0), y, map)];
    }

    private static int[] Perm(OpContext c, int rank)
    {
        long[] perm = c.Node.GetInts("perm", Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray());
        if (perm.Length != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank))
        {
            throw c.Error($"perm {OpContext.Show(perm)} is not a permutation of {rank} axes");
        }

        return perm.Select(p => (int)p).ToArray();
    }
}
