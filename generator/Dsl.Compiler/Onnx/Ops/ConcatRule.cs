namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Concat along 'axis' (may be negative); all inputs share rank and every other dimension.</summary>
internal sealed class ConcatRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Plan(c).Output];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        (int axis, long[] y) = Plan(c);
        int count = TensorMath.FoldedCount(c, y);
        long outer = TensorMath.Product(y[..axis]), inner = TensorMath.Product(y[(axis + 1)..]);
        OnnxTensor first = c.Value(0);
        float[] floats = first.IsFloat ? new float[count] : [];
        long[] ints = first.IsFloat ? [] : new long[count];
        int at = 0;
        for (long o = 0; o < outer; o++)
        {
            for (int i = 0; i < c.InputCount; i++)
            {
                OnnxTensor t = c.Value(i);
                long run = t.Shape[axis] * inner;
                for (long k = 0; k < run; k++, at++)
                {
                    if (first.IsFloat)
                    {
                        floats[at] = (float)TensorMath.At(t, (o * run) + k);
                    }
                    else
                    {
                        ints[at] = t.IsFloat ? (long)t.Floats[(o * run) + k] : t.Ints[(o * run) + k];
                    }
                }
            }
        }

        return [new OnnxTensor(c.OutputName(0), first.ElementType, y, floats, ints)];
    }

    private static (int Axis, long[] Output) Plan(OpContext c)
    {
        if (c.InputCount == 0)
        {
            throw c.Error("Concat needs at least one input");
        }

        long[] first = c.Shape(0);
        if (!c.Node.Attributes.ContainsKey("axis"))
        {
            throw c.Error("the axis attribute is required");
        }

        int axis = c.Axis(c.Node.GetInt("axis", 0), first.Length);
        long[] y = (long[])first.Clone();
        for (int i = 1; i < c.InputCount; i++)
        {
            long[] s = c.Shape(i);
            if (s.Length != first.Length || Enumerable.Range(0, s.Length).Any(d => d != axis && s[d] != first[d]))
            {
                throw c.Error($"input {i} shape {OpContext.Show(s)} does not match {OpContext.Show(first)} outside axis {axis}");
            }

            y[axis] += s[axis];
        }

        return (axis, y);
    }
}
