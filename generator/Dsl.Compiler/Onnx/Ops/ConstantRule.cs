namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Constant: its value from one of the attributes value, value_float(s), value_int(s).</summary>
internal sealed class ConstantRule : OpRule
{
    public override OnnxTensor[]? Fold(OpContext c)
    {
        string name = c.OutputName(0);
        foreach (OnnxAttribute a in c.Node.Attributes.Values)
        {
            switch (a.Name)
            {
                case "value" when a.Tensor is not null:
                    return [a.Tensor with { Name = name }];
                case "value_float" when a.Float is float f:
                    return [TensorMath.Floats(name, [], [f])];
                case "value_floats" when a.Floats is float[] fs:
                    return [TensorMath.Floats(name, [fs.Length], fs)];
                case "value_int" when a.Int is long i:
                    return [TensorMath.Ints(name, [], [i])];
                case "value_ints" when a.Ints is long[] iss:
                    return [TensorMath.Ints(name, [iss.Length], iss)];
            }
        }

        throw c.Error("has no value dslc can read (supported: value, value_float(s), value_int(s); not sparse or string values)");
    }
}
