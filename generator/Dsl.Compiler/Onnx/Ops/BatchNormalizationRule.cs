namespace Dsl.Compiler.Onnx.Ops;

/// <summary>BatchNormalization in inference form: X [N, C, L], constant scale, B, mean and var [C] → X's shape.
/// Lowered to a per-channel multiply and add that fold into the convolution before it.</summary>
internal sealed class BatchNormalizationRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        long[] x = c.Shape(0);
        if (x.Length < 2)
        {
            throw c.Error($"normalizes a tensor of shape {OpContext.Show(x)}; expected [N, C, ...]");
        }

        if (c.Node.GetInt("training_mode", 0) != 0 || c.Node.Outputs.Count(o => o.Length > 0) > 1)
        {
            throw c.Error("is exported in training mode (running statistics as outputs); export the model after model.eval()");
        }

        string[] names = ["scale", "bias", "mean", "variance"];
        for (int i = 0; i < names.Length; i++)
        {
            long[] s = c.Constant(i + 1, names[i]).Shape;
            if (s.Length != 1 || s[0] != x[1])
            {
                throw c.Error($"{names[i]} shape {OpContext.Show(s)} must be [{x[1]}] (one value per channel)");
            }
        }

        return [x];
    }
}
