using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Golden;

/// <summary>
/// Counts, per node, the values the golden kernels' output stages (conv, transposed conv, add, mul, rescale)
/// requantized outside the node's <see cref="ClampBounds"/>, i.e. values the clamp to the tensor's calibrated
/// range changed. Only attached when asked for (validate, run): the kernels test one null reference otherwise.
/// </summary>
public sealed class ClampCounter
{
    private readonly Func<Step, ClampBounds?> bounds;
    private readonly Dictionary<string, long[]> counts = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private long[]? current;
    private ClampBounds limits;

    /// <param name="bounds">Per step, what counts; null: the step's own clamp limits (see <see cref="KernelLimits"/>).</param>
    public ClampCounter(Func<Step, ClampBounds?>? bounds = null) => this.bounds = bounds ?? (_ => null);

    /// <summary>Per node, in the order the nodes first ran.</summary>
    public IReadOnlyList<NodeClamps> Counts => order.Select(n => new NodeClamps(n, counts[n][0], counts[n][1])).ToList();

    /// <summary>The clamp a step's kernel applies after requantization; null for steps that do not requantize.</summary>
    public static ClampBounds? KernelLimits(Step step) => step switch
    {
        ConvStep c => new ClampBounds(c.Stage.ActMin, c.Stage.ActMax),
        ConvTransposeStep u => new ClampBounds(u.Stage.ActMin, u.Stage.ActMax),
        AddStep a => new ClampBounds(a.ActMin, a.ActMax),
        MulStep m => new ClampBounds(m.ActMin, m.ActMax),
        RescaleStep { Multiplier: not 0, OutElementBytes: 2 } => new ClampBounds(short.MinValue, short.MaxValue),
        RescaleStep { Multiplier: not 0 } => new ClampBounds(sbyte.MinValue, sbyte.MaxValue),
        _ => null,
    };

    public void Clear()
    {
        counts.Clear();
        order.Clear();
        current = null;
    }

    /// <summary>The step whose values <see cref="Observe"/> sees next.</summary>
    internal void Enter(Step step)
    {
        if (KernelLimits(step) is not { } kernel)
        {
            current = null;
            return;
        }

        limits = bounds(step) ?? kernel;
        if (!counts.TryGetValue(step.Node, out current))
        {
            current = new long[2];
            counts[step.Node] = current;
            order.Add(step.Node);
        }
    }

    /// <summary>One requantized value before the kernel clamps it.</summary>
    internal void Observe(int value)
    {
        if (current is null)
        {
            return;
        }

        current[0]++;
        if (value < limits.Low || value > limits.High)
        {
            current[1]++;
        }
    }
}
