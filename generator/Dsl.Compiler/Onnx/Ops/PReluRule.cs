namespace Dsl.Compiler.Onnx.Ops;

/// <summary>PRelu: X, constant slope broadcast to X → X's shape (nn.PReLU). dslc lowers one shared slope
/// (nn.PReLU() default) to LeakyRelu; per-channel slopes are refused when lowering.</summary>
internal sealed class PReluRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        _ = c.Constant(1, "slope");
        return [c.Shape(0)];
    }
}
