using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Golden;

/// <summary>
/// Runs one path's program on byte arrays laid out exactly as the C regions are (same offsets),
/// calling the golden kernels step by step.
/// </summary>
public sealed class PathInterpreter
{
    private readonly PathProgram program;
    private readonly GoldenKernels kernels;
    private readonly byte[] arena;
    private readonly byte[] state;
    private byte[] input = Array.Empty<byte>();
    private byte[] handoff = Array.Empty<byte>();
    private byte[] output = Array.Empty<byte>();

    public PathInterpreter(PathProgram program, RoundingRule rule)
    {
        this.program = program;
        kernels = new GoldenKernels(rule);
        arena = new byte[program.ArenaBytes];
        state = new byte[program.StateBytes];
        Reset();
    }

    public byte[] Arena => arena;

    /// <summary>Called after every step (diagnostics: per-layer error against the float reference).</summary>
    public Action<Step>? AfterStep { get; set; }

    /// <summary>When set, counts the values each step's output stage clamps (off the hot path otherwise).</summary>
    public ClampCounter? Clamps
    {
        get => kernels.Clamps;
        set => kernels.Clamps = value;
    }

    /// <summary>The bytes of a region as the current frame sees them.</summary>
    public byte[] RegionBytes(BufferRegion region) => Region(region);

    public byte[] State => state;

    public void Reset()
    {
        Array.Clear(arena);
        Array.Clear(state);
        foreach (StateInit init in program.StateInits)
        {
            for (int i = 0; i < init.Bytes; i += init.ElementBytes)
            {
                if (init.ElementBytes == 1)
                {
                    state[init.Offset + i] = unchecked((byte)(sbyte)init.ZeroPoint);
                }
                else
                {
                    BitConverter.TryWriteBytes(state.AsSpan(init.Offset + i, 2), (short)init.ZeroPoint);
                }
            }
        }
    }

    /// <summary>Runs the frame; the byte arrays stand for the C pointers in, handoff and out.</summary>
    public void RunFrame(byte[] inputFrame, byte[] handoffFrame, byte[] outputFrame)
    {
        input = inputFrame;
        handoff = handoffFrame;
        output = outputFrame;
        foreach (Step step in program.Steps)
        {
            kernels.Clamps?.Enter(step);
            Execute(step);
            AfterStep?.Invoke(step);
        }
    }

    private byte[] Region(BufferRegion region) => region switch
    {
        BufferRegion.Arena => arena,
        BufferRegion.State => state,
        BufferRegion.Input => input,
        BufferRegion.Handoff => handoff,
        BufferRegion.Output => output,
        _ => throw new InvalidOperationException($"unknown region {region}"),
    };

    private Func<int, int> Reader(BufferSlice s, int elementBytes)
    {
        byte[] bytes = Region(s.Region);
        int at = s.Offset;
        return elementBytes == 1
            ? i => (sbyte)bytes[at + i]
            : i => BitConverter.ToInt16(bytes, at + (2 * i));
    }

    private Action<int, int> Writer(BufferSlice s, int elementBytes)
    {
        byte[] bytes = Region(s.Region);
        int at = s.Offset;
        return elementBytes == 1
            ? (i, v) => bytes[at + i] = unchecked((byte)(sbyte)v)
            : (i, v) => BitConverter.TryWriteBytes(bytes.AsSpan(at + (2 * i), 2), (short)v);
    }

    private void Execute(Step step)
    {
        switch (step)
        {
            case ConvStep c:
                kernels.Conv(c, Reader(c.Input, InBytes(c.Kind)), Writer(c.Output, OutBytes(c.Kind)));
                break;
            case ConvTransposeStep u:
                kernels.ConvTranspose(u, Reader(u.Input, InBytes(u.Kind)), Writer(u.Output, OutBytes(u.Kind)));
                break;
            case AddStep a:
                kernels.Add(a, Reader(a.A, a.ElementBytes), Constant(a.B, a.ConstantB, a.ConstantB16, a.ElementBytes), Writer(a.Output, a.ElementBytes));
                break;
            case MulStep m:
                kernels.Mul(m, Reader(m.A, m.ElementBytes), Constant(m.B, m.ConstantB, m.ConstantB16, m.ElementBytes), Writer(m.Output, m.ElementBytes));
                break;
            case LutStep l:
            {
                Func<int, int> x = Reader(l.Input, 1);
                Action<int, int> y = Writer(l.Output, 1);
                for (int i = 0; i < l.Count; i++)
                {
                    y(i, l.Lut[x(i) + 128]);
                }

                break;
            }

            case CurveStep c:
            {
                Func<int, int> x = Reader(c.Input, 2);
                Action<int, int> y = Writer(c.Output, 2);
                for (int i = 0; i < c.Count; i++)
                {
                    y(i, CurveBuilder.Evaluate(c.Table, x(i)));
                }

                break;
            }

            case RescaleStep r:
                kernels.Rescale(r, Reader(r.Input, r.InElementBytes), Writer(r.Output, r.OutElementBytes));
                break;
            case CopyStep c:
                Array.Copy(Region(c.Source.Region), c.Source.Offset, Region(c.Destination.Region), c.Destination.Offset, c.Source.Bytes);
                break;
            case HistoryShiftStep h:
            {
                byte[] b = Region(h.Buffer.Region);
                Array.Copy(b, h.Buffer.Offset + h.NewBytes, b, h.Buffer.Offset, h.HistoryBytes);
                break;
            }

            default:
                throw new InvalidOperationException($"golden: unknown step {step.GetType().Name}");
        }
    }

    private Func<int, int> Constant(BufferSlice? b, sbyte[]? constant, short[]? constant16, int elementBytes) =>
        b is not null ? Reader(b, elementBytes) : elementBytes == 2 ? i => constant16![i] : i => constant![i];

    private static int InBytes(ConvKind kind) => kind is ConvKind.S16S8 or ConvKind.S16S16 ? 2 : 1;

    private static int OutBytes(ConvKind kind) => kind is ConvKind.S8S16 or ConvKind.S16S16 ? 2 : 1;
}
