namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Slice (opset 10+ form): data, starts, ends, optional axes, optional steps, all constant. Indices
/// follow the ONNX rules: negative values count from the end, huge values (torch writes INT64_MAX for
/// "to the end") clamp, negative steps walk backwards (torch's flip in the F.pad chain).
/// </summary>
internal sealed class SliceRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Plan(c).Output];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        (long[] x, long[] start, long[] step, long[] y) = Plan(c);
        long[] strides = TensorMath.Strides(x);
        var map = new long[TensorMath.FoldedCount(c, y)];
        var idx = new long[y.Length];
        for (long k = 0; k < map.Length; k++)
        {
            long src = 0;
            for (int d = 0; d < y.Length; d++)
            {
                src += (start[d] + (idx[d] * step[d])) * strides[d];
            }

            map[k] = src;
            TensorMath.Increment(idx, y);
        }

        return [TensorMath.Select(c.Value(0), c.OutputName(0), y, map)];
    }

    /// <summary>Per axis: the first index read, the step and the output length.</summary>
    private static (long[] Input, long[] Start, long[] Step, long[] Output) Plan(OpContext c)
    {
        long[] x = c.Shape(0);
        long[] starts = c.Ints(1, "starts"), ends = c.Ints(2, "ends");
        long[] axes = c.Has(3) ? c.Ints(3, "axes") : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        long[] steps = c.Has(4) ? c.Ints(4, "steps") : Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw c.Error($"starts, ends, axes and steps must have the same length ({starts.Length}, {ends.Length}, {axes.Length}, {steps.Length})");
        }

        long[] start = new long[x.Length], step = Enumerable.Repeat(1L, x.Length).ToArray(), y = (long[])x.Clone();
        var seen = new HashSet<int>();
        for (int i = 0; i < starts.Length; i++)
        {
            int axis = c.Axis(axes[i], x.Length);
            if (!seen.Add(axis))
            {
                throw c.Error($"axis {axis} is sliced twice");
            }

            long dim = x[axis], s = starts[i], e = ends[i], st = steps[i];
            if (st == 0)
            {
                throw c.Error("slice step must not be 0");
            }

            s = s < 0 ? s + dim : s;
            e = e < 0 ? e + dim : e;
            if (st > 0)
            {
                s = Math.Clamp(s, 0, dim);
                e = Math.Clamp(e, 0, dim);
                y[axis] = e > s ? (e - s + st - 1) / st : 0;
            }
            else
            {
                s = Math.Clamp(s, 0, dim - 1);
                e = Math.Clamp(e, -1, dim - 1);
                y[axis] = s > e ? (s - e + (-st) - 1) / -st : 0;
            }

            start[axis] = s;
            step[axis] = st;
        }

        return (x, start, step, y);
    }
}
