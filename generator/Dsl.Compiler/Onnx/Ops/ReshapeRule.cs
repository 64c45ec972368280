namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Reshape: the constant target shape may hold 0 (copy the input dimension, unless allowzero=1) and one -1 (inferred).</summary>
internal sealed class ReshapeRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Target(c)];

    public override OnnxTensor[]? Fold(OpContext c) => [TensorMath.WithShape(c.Value(0), c.OutputName(0), Target(c))];

    private static long[] Target(OpContext c)
    {
        long[] x = c.Shape(0);
        long[] shape = (long[])c.Ints(1, "shape").Clone();
        bool allowZero = c.Node.GetInt("allowzero", 0) != 0;
        int infer = -1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0 && !allowZero)
            {
                if (i >= x.Length)
                {
                    throw c.Error($"shape {OpContext.Show(shape)} copies axis {i} (0) but the input {OpContext.Show(x)} has rank {x.Length}");
                }

                shape[i] = x[i];
            }
            else if (shape[i] == -1)
            {
                if (infer >= 0)
                {
                    throw c.Error($"shape {OpContext.Show(shape)} has more than one -1");
                }

                infer = i;
            }
            else if (shape[i] < 0)
            {
                throw c.Error($"shape {OpContext.Show(shape)} has a negative dimension");
            }
        }

        long total = TensorMath.Product(x);
        if (infer >= 0)
        {
            long known = TensorMath.Product(shape.Where((_, i) => i != infer));
            if (known == 0 || total % known != 0)
            {
                throw c.Error($"cannot reshape {OpContext.Show(x)} to {OpContext.Show(c.Ints(1, "shape"))}");
            }

            shape[infer] = total / known;
        }

        if (TensorMath.Product(shape) != total)
        {
            throw c.Error($"cannot reshape {OpContext.Show(x)} ({total} elements) to {OpContext.Show(shape)}");
        }

        return shape;
    }
}
