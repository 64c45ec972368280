namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Expand of a constant to broadcast(its shape, the constant target shape).</summary>
internal sealed class ExpandRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor x = c.Value(0);
        long[] target = c.Ints(1, "shape");
        long[] shape = TensorMath.Broadcast(x.Shape, target)
            ?? throw c.Error($"cannot expand {OpContext.Show(x.Shape)} to {OpContext.Show(target)}");
        return [TensorMath.Select(x, c.OutputName(0), shape, TensorMath.BroadcastMap(c, shape, x.Shape))];
    }
}
