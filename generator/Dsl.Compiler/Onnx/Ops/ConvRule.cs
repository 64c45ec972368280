namespace Dsl.Compiler.Onnx.Ops;

/// <summary>Conv: X [N, C, L...], W [M, C/group, k...], optional B [M] → [N, M, L'...]. Weights must be constant.</summary>
internal sealed class ConvRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c)
    {
        long[] x = c.Shape(0);
        long[] w = c.Constant(1, "weights").Shape;
        ConvAttributes a = ConvAttributes.Read(c, x, w);
        if (x[1] != w[1] * a.Group || w[0] % a.Group != 0)
        {
            throw c.Error($"input channels {x[1]}, weight shape {OpContext.Show(w)} and group {a.Group} do not fit together (need C = W[1]*group and M divisible by group)");
        }

        CheckBias(c, w[0]);
        var y = new long[x.Length];
        y[0] = x[0];
        y[1] = w[0];
        for (int i = 0; i < a.Kernel.Length; i++)
        {
            long span = (a.Dilations[i] * (a.Kernel[i] - 1)) + 1;
            long padded = x[i + 2] + a.PadsBegin[i] + a.PadsEnd[i];
            if (padded < span)
            {
                throw c.Error($"input length {x[i + 2]} (padded {padded}) is shorter than the kernel span {span}; use a longer trace length");
            }

            y[i + 2] = ((padded - span) / a.Strides[i]) + 1;
        }

        return [y];
    }

    /// <summary>Checks the optional bias (input 2) is a constant of shape [M].</summary>
    public static void CheckBias(OpContext c, long channels)
    {
        OnnxTensor? b = c.OptionalConstant(2, "bias");
        if (b is not null && (b.Shape.Length != 1 || b.Shape[0] != channels))
        {
            throw c.Error($"bias shape {OpContext.Show(b.Shape)} must be [{channels}]");
        }
    }
}
