namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Where(condition, x, y) on constants, with three-way broadcasting (torch emits it in shape logic).</summary>
internal sealed class WhereRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        OnnxTensor cond = c.Value(0), x = c.Value(1), y = c.Value(2);
        long[] shape = TensorMath.Broadcast(TensorMath.Broadcast(cond.Shape, x.Shape) ?? throw Bad(c), y.Shape) ?? throw Bad(c);
        long[] mc = TensorMath.BroadcastMap(c, shape, cond.Shape), mx = TensorMath.BroadcastMap(c, shape, x.Shape), my = TensorMath.BroadcastMap(c, shape, y.Shape);
        string name = c.OutputName(0);
        if (x.IsFloat)
        {
            return [TensorMath.Floats(name, shape, mc.Select((m, i) => (float)(TensorMath.At(cond, m) != 0 ? TensorMath.At(x, mx[i]) : TensorMath.At(y, my[i]))).ToArray(), x.ElementType)];
        }

        return [TensorMath.Ints(name, shape, mc.Select((m, i) => TensorMath.At(cond, m) != 0 ? x.Ints[mx[i]] : y.Ints[my[i]]).ToArray(), x.ElementType)];
    }

    private static Exception Bad(OpContext c) => c.Error("condition, x and y do not broadcast");
}
