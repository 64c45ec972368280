namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Gather along 'axis' with constant indices (negative counts from the end): torch's shape[-1].</summary>
internal sealed class GatherRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor data = c.Value(0);
        OnnxTensor indices = c.Value(1);
        if (indices.IsFloat)
        {
            throw c.Error("indices must be integers");
        }

        long[] x = data.Shape;
        int axis = c.Axis(c.Node.GetInt("axis", 0), x.Length);
        long outer = TensorMath.Product(x[..axis]), inner = TensorMath.Product(x[(axis + 1)..]), dim = x[axis];
        long[] y = [.. x[..axis], .. indices.Shape, .. x[(axis + 1)..]];
        var map = new long[TensorMath.FoldedCount(c, [outer, indices.Ints.Length, inner])];
        long k = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (long raw in indices.Ints)
            {
                long i = raw < 0 ? raw + dim : raw;
                if (i < 0 || i >= dim)
                {
                    throw c.Error($"index {raw} is out of range for axis {axis} of {OpContext.Show(x)}");
                }

                for (long j = 0; j < inner; j++)
                {
                    map[k++] = (((o * dim) + i) * inner) + j;
                }
            }
        }

        return [TensorMath.Select(data, c.OutputName(0), y, map)];
    }
}
