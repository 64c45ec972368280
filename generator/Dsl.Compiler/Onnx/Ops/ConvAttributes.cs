using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// The attributes Conv and ConvTranspose share, read and checked against the weight shape:
/// kernel from the weights (kernel_shape, when given, must agree), explicit pads only (auto_pad NOTSET).
/// </summary>
internal sealed record ConvAttributes(long[] Kernel, long[] Strides, long[] Dilations, long[] PadsBegin, long[] PadsEnd, long Group)
{
    public static ConvAttributes Read(OpContext c, long[] x, long[] w)
    {
        if (x.Length < 3)
        {
            throw c.Error($"input shape {OpContext.Show(x)} must be [batch, channels, length...] (rank >= 3)");
        }

        if (w.Length != x.Length)
        {
            throw c.Error($"weight shape {OpContext.Show(w)} must have the same rank as the input {OpContext.Show(x)}");
        }

        int spatial = x.Length - 2;
        string autoPad = c.Node.GetText("auto_pad") ?? "NOTSET";
        if (autoPad != "NOTSET")
        {
            throw c.Error($"auto_pad={autoPad} is not supported; export with explicit pads (torch.onnx.export does by default) or pad with F.pad");
        }

        long[] kernel = w[2..];
        long[] declared = c.Node.GetInts("kernel_shape", kernel);
        if (!declared.SequenceEqual(kernel))
        {
            throw c.Error($"kernel_shape {OpContext.Show(declared)} disagrees with the weight shape {OpContext.Show(w)}");
        }

        long[] strides = Spatial(c, "strides", spatial, 1);
        long[] dilations = Spatial(c, "dilations", spatial, 1);
        long[] pads = c.Node.GetInts("pads", new long[2 * spatial]);
        if (pads.Length != 2 * spatial)
        {
            throw c.Error($"pads has {pads.Length} values; expected {2 * spatial} (begin and end per spatial axis)");
        }

        if (strides.Any(v => v < 1) || dilations.Any(v => v < 1) || pads.Any(v => v < 0))
        {
            throw c.Error("strides and dilations must be >= 1 and pads >= 0");
        }

        // Bounded here so that every size computed from them below and in lowering fits in an int.
        for (int i = 0; i < spatial; i++)
        {
            long span = kernel[i] > StreamLimits.MaxRows || dilations[i] > StreamLimits.MaxRows
                ? long.MaxValue
                : ((kernel[i] - 1) * dilations[i]) + 1;
            if (strides[i] > StreamLimits.MaxRows || pads[i] > StreamLimits.MaxRows || pads[i + spatial] > StreamLimits.MaxRows || span > StreamLimits.MaxRows)
            {
                throw c.Error($"kernel {kernel[i]}, dilation {dilations[i]}, stride {strides[i]}, pads {pads[i]}/{pads[i + spatial]}: a kernel span ((k-1)*dilation+1), stride or pad above {StreamLimits.MaxRows} rows is beyond dslc's limit (check the exported attributes)");
            }
        }

        long group = c.Node.GetInt("group", 1);
        if (group < 1 || group > x[1])
        {
            throw c.Error($"group {group} must be from 1 to the number of input channels ({x[1]})");
        }

        return new ConvAttributes(kernel, strides, dilations, pads[..spatial], pads[spatial..], group);
    }

    private static long[] Spatial(OpContext c, string name, int spatial, long fallback)
    {
        long[] v = c.Node.GetInts(name, Enumerable.Repeat(fallback, spatial).ToArray());
        if (v.Length != spatial)
        {
            throw c.Error($"{name} has {v.Length} values; expected {spatial} (one per spatial axis)");
        }

        return v;
    }
}
