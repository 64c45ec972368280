namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Range(start, limit, delta) of constant scalars: max(ceil((limit - start) / delta), 0) elements.</summary>
internal sealed class RangeRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor start = c.Value(0), limit = c.Value(1), delta = c.Value(2);
        if (start.ElementCount != 1 || limit.ElementCount != 1 || delta.ElementCount != 1)
        {
            throw c.Error("start, limit and delta must be scalars");
        }

        double s = TensorMath.At(start, 0), l = TensorMath.At(limit, 0), d = TensorMath.At(delta, 0);
        if (d == 0)
        {
            throw c.Error("delta must not be 0");
        }

        double count = Math.Ceiling((l - s) / d);
        if (!(count <= TensorMath.MaxFoldedElements))
        {
            throw c.Error($"start {s}, limit {l}, delta {d} give {count} elements, more than dslc's limit of {TensorMath.MaxFoldedElements}");
        }

        long n = Math.Max((long)count, 0);
        TensorMath.FoldedCount(c, [n]);
        string name = c.OutputName(0);
        return start.IsFloat
            ? [TensorMath.Floats(name, [n], Enumerable.Range(0, (int)n).Select(i => (float)(s + (i * d))).ToArray(), start.ElementType)]
            : [TensorMath.Ints(name, [n], Enumerable.Range(0, (int)n).Select(i => start.Ints[0] + (i * delta.Ints[0])).ToArray(), start.ElementType)];
    }
}
