namespace Dsl.Compiler.Onnx.Ops;

/// <summary>PRelu: X, constant slope broadcast to X → X's shape (nn.PReLU). Lowering makes one shared slope
/// (nn.PReLU() default) a LeakyRelu and a slope per channel a Relu, two multiplies and an add.</summary>
internal sealed class PReluRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        _ = c.Constant(1, "slope");
        return [c.Shape(0)];
    }
}
