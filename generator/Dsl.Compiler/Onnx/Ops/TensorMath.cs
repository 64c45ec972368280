namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Small helpers for shapes and constant tensors shared by the op rules. Data-movement ops (Transpose,
/// Slice, Pad, Gather, Expand, broadcasting) are all written as "output element i reads input element
/// map[i]" so one routine serves float and integer tensors alike.
/// </summary>
internal static class TensorMath
{
    /// <summary>
    /// Most elements a folded constant may have. Folding computes shape arithmetic and small weight
    /// transforms; 2^20 elements is far above either, and keeps what a corrupt shape can make the
    /// importer allocate to a few tens of MB.
    /// </summary>
    public const long MaxFoldedElements = 1 << 20;

    /// <summary>Elements of a folded constant of <paramref name="shape"/>, taken from the file's
    /// <see cref="FoldBudget"/>; a located error when it exceeds <see cref="MaxFoldedElements"/> or the budget.</summary>
    public static int FoldedCount(OpContext c, long[] shape)
    {
        int n = BoundedCount(c, shape);
        c.Budget.Take(c, n, shape);
        return n;
    }

    /// <summary>Elements of <paramref name="shape"/>; a located error when it exceeds <see cref="MaxFoldedElements"/> (or overflows).</summary>
    private static int BoundedCount(OpContext c, long[] shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw c.Error($"would fold into a constant of shape {OpContext.Show(shape)}, which has a negative dimension");
            }

            n = d == 0 || n <= MaxFoldedElements / d ? n * d : MaxFoldedElements + 1;
        }

        if (n > MaxFoldedElements)
        {
            throw c.Error($"would fold into a constant of shape {OpContext.Show(shape)}, more than dslc's limit of {MaxFoldedElements} elements; check the exported shapes");
        }

        return (int)n;
    }

    /// <summary>Folding a product of [m, k] by [k, n] costs m*k*n multiply-adds; bounded like the size so that a
    /// corrupt shape cannot keep the importer busy for minutes.</summary>
    public static void CheckFoldWork(OpContext c, long m, long k, long n)
    {
        BoundedCount(c, [m, k, n]);
    }

    public static long Product(IEnumerable<long> shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            n = checked(n * d);
        }

        return n;
    }

    /// <summary>Row-major strides of <paramref name="shape"/>.</summary>
    public static long[] Strides(long[] shape)
    {
        var s = new long[shape.Length];
        long acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= shape[i];
        }

        return s;
    }

    /// <summary>Multidirectional (numpy) broadcast of two shapes; null when they are incompatible.</summary>
    public static long[]? Broadcast(long[] a, long[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var r = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            long db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            r[i] = da == 1 ? db : da;
        }

        return r;
    }

    /// <summary>For each element of <paramref name="outShape"/>, the flat index of the element of a tensor of
    /// shape <paramref name="inShape"/> that broadcasting reads.</summary>
    public static long[] BroadcastMap(OpContext c, long[] outShape, long[] inShape)
    {
        int n = FoldedCount(c, outShape);
        var map = new long[n];
        long[] inStrides = Strides(inShape);
        int offset = outShape.Length - inShape.Length;
        var idx = new long[outShape.Length];
        for (long k = 0; k < n; k++)
        {
            long src = 0;
            for (int d = 0; d < inShape.Length; d++)
            {
                if (inShape[d] != 1)
                {
                    src += idx[d + offset] * inStrides[d];
                }
            }

            map[k] = src;
            Increment(idx, outShape);
        }

        return map;
    }

    /// <summary>Advances a row-major multi-index by one.</summary>
    public static void Increment(long[] idx, long[] shape)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (++idx[d] < shape[d])
            {
                return;
            }

            idx[d] = 0;
        }
    }

    /// <summary>A tensor whose element i is <paramref name="src"/>[map[i]], or the fill value where map[i] &lt; 0.</summary>
    public static OnnxTensor Select(OnnxTensor src, string name, long[] shape, long[] map, double fill = 0)
    {
        if (src.IsFloat)
        {
            var f = new float[map.Length];
            for (int i = 0; i < map.Length; i++)
            {
                f[i] = map[i] < 0 ? (float)fill : src.Floats[map[i]];
            }

            return new OnnxTensor(name, src.ElementType, shape, f, []);
        }

        var v = new long[map.Length];
        for (int i = 0; i < map.Length; i++)
        {
            v[i] = map[i] < 0 ? (long)fill : src.Ints[map[i]];
        }

        return new OnnxTensor(name, src.ElementType, shape, [], v);
    }

    /// <summary>Same data, new name and shape (Reshape, Squeeze, Unsqueeze, Identity).</summary>
    public static OnnxTensor WithShape(OnnxTensor src, string name, long[] shape) =>
        src with { Name = name, Shape = shape };

    /// <summary>Element <paramref name="i"/> as a double (for mixed arithmetic and casts).</summary>
    public static double At(OnnxTensor t, long i) => t.IsFloat ? t.Floats[i] : t.Ints[i];

    public static OnnxTensor Floats(string name, long[] shape, float[] values, OnnxElementType type = OnnxElementType.Float) =>
        new(name, type, shape, values, []);

    public static OnnxTensor Ints(string name, long[] shape, long[] values, OnnxElementType type = OnnxElementType.Int64) =>
        new(name, type, shape, [], values);
}
