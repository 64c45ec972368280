using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Pad (opset 11+ form): data, pads [b0, b1, ..., e0, e1, ...] (constant), optional constant_value
/// (an empty input name means 0, as torch writes it). Negative pads crop. Modes constant, reflect, edge.
/// </summary>
internal sealed class PadRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [Plan(c).Output];

    public override OnnxTensor[]? Fold(OpContext c)
    {
        (long[] x, long[] pads, long[] y) = Plan(c);
        string mode = c.Node.GetText("mode") ?? "constant";
        OnnxTensor? value = c.OptionalConstant(2, "constant_value");
        double fill = value is null || value.ElementCount == 0 ? 0 : TensorMath.At(value, 0);
        long[] strides = TensorMath.Strides(x);
        var map = new long[TensorMath.FoldedCount(c, y)];
        var idx = new long[y.Length];
        for (long k = 0; k < map.Length; k++)
        {
            long src = 0;
            for (int d = 0; d < y.Length && src >= 0; d++)
            {
                long i = idx[d] - pads[d];
                if (i < 0 || i >= x[d])
                {
                    i = mode switch
                    {
                        "edge" => Math.Clamp(i, 0, x[d] - 1),
                        "reflect" => Reflect(i, x[d]),
                        _ => -1,
                    };
                }

                src = i < 0 ? -1 : src + (i * strides[d]);
            }

            map[k] = src;
            TensorMath.Increment(idx, y);
        }

        return [TensorMath.Select(c.Value(0), c.OutputName(0), y, map, fill)];
    }

    private static long Reflect(long i, long n)
    {
        if (n == 1)
        {
            return 0;
        }

        long period = 2 * (n - 1);
        long m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }

    private static (long[] Input, long[] Pads, long[] Output) Plan(OpContext c)
    {
        long[] x = c.Shape(0);
        string mode = c.Node.GetText("mode") ?? "constant";
        if (mode is not ("constant" or "reflect" or "edge"))
        {
            throw c.Error($"mode '{mode}' is not supported; use constant, reflect or edge");
        }

        if (c.InputCount > 3 && c.Has(3))
        {
            throw c.Error("the axes input is not supported; give pads for every axis");
        }

        long[] pads = c.Ints(1, "pads");
        if (pads.Length != 2 * x.Length)
        {
            throw c.Error($"pads has {pads.Length} values; a rank-{x.Length} input needs {2 * x.Length}");
        }

        // Bounded so that the padded length below cannot wrap around.
        if (pads.Any(p => p is < -StreamLimits.MaxRows or > StreamLimits.MaxRows))
        {
            throw c.Error($"pads {OpContext.Show(pads)} go beyond dslc's limit of ±{StreamLimits.MaxRows}; check the exported pad amounts");
        }

        OnnxTensor? value = c.OptionalConstant(2, "constant_value");
        if (value is not null && value.ElementCount > 1)
        {
            throw c.Error("constant_value must be a scalar");
        }

        var y = new long[x.Length];
        for (int d = 0; d < x.Length; d++)
        {
            y[d] = x[d] + pads[d] + pads[d + x.Length];
            if (y[d] < 0)
            {
                throw c.Error($"pads {OpContext.Show(pads)} crop axis {d} of {OpContext.Show(x)} below zero length");
            }
        }

        return (x, pads, y);
    }
}
