using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Golden;

/// <summary>
/// The C# twins of the runtime-c kernels (runtime-c/include/dsl_kernels.h), written from the
/// same formulas. The emitted C must match these bit for bit.
/// </summary>
public sealed class GoldenKernels
{
    private readonly RoundingRule rule;

    public GoldenKernels(RoundingRule rule) => this.rule = rule;

    /// <summary>When set, sees every requantized value before its clamp (saturation counts).</summary>
    internal ClampCounter? Clamps { get; set; }

    private int Stage(OutputStage s, int biasIndex, int o, long accWithoutBias)
    {
        int acc = unchecked((int)(s.Bias[biasIndex] + accWithoutBias));
        int v = Requantizer.Requantize(acc, s.Multiplier[o], s.Shift[o], rule) + s.OutZeroPoint;
        Clamps?.Observe(v);
        v = Math.Clamp(v, s.ActMin, s.ActMax);
        return s.Lut is null ? v : s.Lut[v + 128];
    }

    public void Conv(ConvStep p, Func<int, int> input, Action<int, int> output)
    {
        int cg = p.InChannels / p.Groups;
        int og = p.OutChannels / p.Groups;
        int taps = p.Kernel * cg;
        for (int t = 0; t < p.OutRows; t++)
        {
            for (int o = 0; o < p.OutChannels; o++)
            {
                int g = o / og;
                long acc = 0;
                for (int j = 0; j < p.Kernel; j++)
                {
                    int row = (t * p.Stride) + (j * p.Dilation);
                    for (int c = 0; c < cg; c++)
                    {
                        acc += p.Weights[(o * taps) + (j * cg) + c] * input((row * p.InChannels) + (g * cg) + c);
                    }
                }

                output((t * p.OutChannels) + o, Stage(p.Stage, o, o, acc));
            }
        }
    }

    public void ConvTranspose(ConvTransposeStep p, Func<int, int> input, Action<int, int> output)
    {
        int history = ((p.Kernel - 1) * p.Dilation) / p.Stride;
        int taps = p.Kernel * p.InChannels;
        for (int n = 0; n < p.InRows * p.Stride; n++)
        {
            int target = n + (history * p.Stride);
            int phase = n % p.Stride;
            for (int o = 0; o < p.OutChannels; o++)
            {
                long acc = 0;
                for (int j = 0; j < p.Kernel; j++)
                {
                    int rest = target - (j * p.Dilation);
                    if (rest < 0 || rest % p.Stride != 0)
                    {
                        continue;
                    }

                    int i = rest / p.Stride;
                    for (int c = 0; c < p.InChannels; c++)
                    {
                        acc += p.Weights[(o * taps) + (j * p.InChannels) + c] * input((i * p.InChannels) + c);
                    }
                }

                output((n * p.OutChannels) + o, Stage(p.Stage, (phase * p.OutChannels) + o, o, acc));
            }
        }
    }

    public void Add(AddStep p, Func<int, int> a, Func<int, int> b, Action<int, int> output)
    {
        for (int r = 0; r < p.Rows; r++)
        {
            for (int c = 0; c < p.Channels; c++)
            {
                int i = (r * p.Channels) + c;
                int av = Requantizer.Requantize((a(i) - p.AZeroPoint) << p.LeftShift, p.AMultiplier, p.AShift, rule);
                int bv = Requantizer.Requantize((b((r * p.BRowStride) + c) - p.BZeroPoint) << p.LeftShift, p.BMultiplier, p.BShift, rule);
                int v = Requantizer.Requantize(av + bv, p.OutMultiplier, p.OutShift, rule) + p.OutZeroPoint;
                Clamps?.Observe(v);
                v = Math.Clamp(v, p.ActMin, p.ActMax);
                output(i, p.Lut is null ? v : p.Lut[v + 128]);
            }
        }
    }

    public void Mul(MulStep p, Func<int, int> a, Func<int, int> b, Action<int, int> output)
    {
        for (int r = 0; r < p.Rows; r++)
        {
            for (int c = 0; c < p.Channels; c++)
            {
                int i = (r * p.Channels) + c;
                int prod = (a(i) - p.AZeroPoint) * (b((r * p.BRowStride) + c) - p.BZeroPoint);
                int v = Requantizer.Requantize(prod, p.Multiplier, p.Shift, rule) + p.OutZeroPoint;
                Clamps?.Observe(v);
                v = Math.Clamp(v, p.ActMin, p.ActMax);
                output(i, p.Lut is null ? v : p.Lut[v + 128]);
            }
        }
    }

    public void Rescale(RescaleStep p, Func<int, int> input, Action<int, int> output)
    {
        for (int r = 0; r < p.Rows; r++)
        {
            for (int c = 0; c < p.Channels; c++)
            {
                int x = input((r * p.InRowStride) + c);
                if (p.Multiplier == 0)
                {
                    output((r * p.OutRowStride) + c, x);
                    continue;
                }

                int v = Requantizer.Requantize(x - p.InZeroPoint, p.Multiplier, p.Shift, rule) + p.OutZeroPoint;
                Clamps?.Observe(v);
                output((r * p.OutRowStride) + c, p.OutElementBytes == 2 ? Math.Clamp(v, short.MinValue, short.MaxValue) : Math.Clamp(v, sbyte.MinValue, sbyte.MaxValue));
            }
        }
    }
}
