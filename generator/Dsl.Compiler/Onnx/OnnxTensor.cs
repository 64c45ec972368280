namespace Dsl.Compiler.Onnx;

/// <summary>
/// A constant tensor (initializer, Constant node or folded result), row-major.
/// Float/Double data lives in <see cref="Floats"/>; integer and bool data in <see cref="Ints"/>.
/// Exactly one of the two is non-empty unless the tensor has no elements.
/// </summary>
public sealed record OnnxTensor(string Name, OnnxElementType ElementType, long[] Shape, float[] Floats, long[] Ints)
{
    /// <summary>Product of <see cref="Shape"/>; 1 for a scalar (empty shape). Computed, so <c>with { Shape = ... }</c> stays right.</summary>
    public long ElementCount => Product(Shape);

    /// <summary>True when the element type is Float or Double (data in <see cref="Floats"/>).</summary>
    public bool IsFloat => ElementType is OnnxElementType.Float or OnnxElementType.Double;

    private static long Product(long[] shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            n *= d;
        }

        return n;
    }
}
