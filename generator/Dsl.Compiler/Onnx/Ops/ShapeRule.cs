namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Shape (with opset 15's start/end) and Size: known from the inferred input shape alone, so they fold
/// even on audio data. This is what turns torch's `y.shape[-1] - k` crop arithmetic into constants
/// (the values hold for the trace length given to the importer).
/// </summary>
internal sealed class ShapeRule(bool size) : OpRule
{
    public override bool FoldsFromShapes => true;

    public override OnnxTensor[]? Fold(OpContext c)
    {
        long[] x = c.Shape(0);
        if (size)
        {
            return [TensorMath.Ints(c.OutputName(0), [], [TensorMath.Product(x)])];
        }

        long r = x.Length;
        long start = Clamp(c.Node.GetInt("start", 0), r), end = Clamp(c.Node.GetInt("end", r), r);
        long[] dims = end > start ? x[(int)start..(int)end] : [];
        return [TensorMath.Ints(c.OutputName(0), [dims.Length], dims)];
    }

    private static long Clamp(long i, long rank) => Math.Clamp(i < 0 ? i + rank : i, 0, rank);
}
