namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// How many elements constant folding may still create while importing one file. A per-fold limit
/// alone lets a chain of folds (torch's pad arithmetic: ConstantOfShape, Concat, Reshape, Slice, ...)
/// multiply what a few corrupt bytes cost; the budget bounds their sum by the size of the file.
/// </summary>
internal sealed class FoldBudget
{
    private readonly long _total;
    private long _remaining;

    /// <param name="fileBytes">Size of the ONNX file: the budget is 2^20 elements plus two per byte, room for
    /// shape arithmetic, traced constants and a transposed copy of every weight.</param>
    public FoldBudget(long fileBytes)
    {
        _total = TensorMath.MaxFoldedElements + (2 * fileBytes);
        _remaining = _total;
    }

    /// <summary>Takes <paramref name="elements"/> for a folded constant of <paramref name="shape"/>, or refuses the node.</summary>
    public void Take(OpContext c, long elements, long[] shape)
    {
        if (elements > _remaining)
        {
            throw c.Error($"would fold into a constant of shape {OpContext.Show(shape)}; with the constants folded before it, that is more than the {_total} elements dslc folds for a file of this size; check the exported shapes");
        }

        _remaining -= elements;
    }
}
