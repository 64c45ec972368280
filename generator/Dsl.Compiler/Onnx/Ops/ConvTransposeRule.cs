namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// ConvTranspose: X [N, C, L...], W [C, M/group, k...] → [N, M, L'...] with
/// L' = stride*(L-1) + output_padding + dilation*(k-1) + 1 - pad_begin - pad_end. Weights must be constant.
/// </summary>
internal sealed class ConvTransposeRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        long[] x = c.Shape(0);
        long[] w = c.Constant(1, "weights").Shape;
        ConvAttributes a = ConvAttributes.Read(c, x, w);
        if (c.Node.Attributes.ContainsKey("output_shape"))
        {
            throw c.Error("output_shape is not supported; export with explicit pads and output_padding (nn.ConvTranspose1d does)");
        }

        if (x[1] != w[0] || x[1] % a.Group != 0)
        {
            throw c.Error($"input channels {x[1]}, weight shape {OpContext.Show(w)} and group {a.Group} do not fit together (need C = W[0], divisible by group)");
        }

        long channels = w[1] * a.Group;
        ConvRule.CheckBias(c, channels);
        int spatial = a.Kernel.Length;
        long[] outputPadding = c.Node.GetInts("output_padding", new long[spatial]);
        if (outputPadding.Length != spatial)
        {
            throw c.Error($"output_padding has {outputPadding.Length} values; expected {spatial}");
        }

        var y = new long[x.Length];
        y[0] = x[0];
        y[1] = channels;
        for (int i = 0; i < spatial; i++)
        {
            if (outputPadding[i] < 0 || (outputPadding[i] >= a.Strides[i] && outputPadding[i] >= a.Dilations[i]))
            {
                throw c.Error($"output_padding {outputPadding[i]} must be >= 0 and smaller than the stride or the dilation");
            }

            y[i + 2] = (a.Strides[i] * (x[i + 2] - 1)) + outputPadding[i] + (a.Dilations[i] * (a.Kernel[i] - 1)) + 1
                       - a.PadsBegin[i] - a.PadsEnd[i];
            if (y[i + 2] < 1)
            {
                throw c.Error($"output length {y[i + 2]} is not positive for input length {x[i + 2]}; use a longer trace length");
            }
        }

        return [y];
    }
}
