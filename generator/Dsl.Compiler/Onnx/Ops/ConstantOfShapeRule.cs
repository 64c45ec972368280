namespace Dsl.Compiler.Onnx.Ops;

/// <summary>ConstantOfShape: a tensor of the given (constant) shape filled with the one-element 'value' (default float 0).</summary>
internal sealed class ConstantOfShapeRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        long[] shape = c.Ints(0, "shape");
        if (shape.Any(d => d < 0))
        {
            throw c.Error($"shape {OpContext.Show(shape)} has a negative dimension");
        }

        OnnxTensor value = c.Node.Attributes.TryGetValue("value", out OnnxAttribute? a) && a.Tensor is not null
            ? a.Tensor
            : TensorMath.Floats("value", [1], [0f]);
        if (value.ElementCount != 1)
        {
            throw c.Error("the value attribute must hold exactly one element");
        }

        var map = new long[TensorMath.FoldedCount(c, shape)];
        return [TensorMath.Select(value, c.OutputName(0), shape, map)];
    }
}
