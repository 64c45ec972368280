using System.Text.Json.Serialization;
using Dsl.Compiler.Analysis;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Reporting;

/// <summary>What dslc tells about a compiled model: per path and per layer costs and memory.
/// SpecialiseMaxChannels: the rule that picked the layers with code specialised to their shape.</summary>
public sealed record ModelReport(
    string Name,
    int SampleRate,
    int FrameSamples,
    string Mode,
    string Rounding,
    int HandoffBytes,
    IReadOnlyList<string> HandoffTensors,
    int ReplayFrames,
    long HeavyReceptiveFieldSamples,
    int HoldFrames,
    int SwitchThresholdQ,
    PathReport Light,
    PathReport Heavy,
    PathReport Full,
    IReadOnlyList<LayerReport> Layers,
    int SpecialiseMaxChannels)
{
    /// <summary>Real time and energy on the board <c>generate --board</c> named; null without a board.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RealTimeReport? RealTime { get; init; }

    /// <param name="m">The compiled model.</param>
    /// <param name="specialisation">The rule the emitted C used (<see cref="ConvSpecialisation.For"/> its kernel variant).</param>
    /// <param name="layout">The weight layouts the emitted C used; null: int8 everywhere.</param>
    /// <param name="heavySpecialisation">The heavy path's rule when its core has another variant; null: <paramref name="specialisation"/>.</param>
    public static ModelReport From(CompiledModel m, ConvSpecialisation specialisation, WeightLayoutPlan? layout = null,
        ConvSpecialisation? heavySpecialisation = null)
    {
        heavySpecialisation ??= specialisation;
        layout ??= WeightLayoutPlan.Int8;
        IrGraph g = m.Graph;
        Partition p = m.Partition;
        ModelProgram program = m.Program;
        var weightBytes = WeightBytesByNode(program);
        var specialised = program.Light.Steps.Where(specialisation.Applies).Concat(program.Heavy.Steps.Where(heavySpecialisation.Applies))
            .Select(s => s.Node).ToHashSet(StringComparer.Ordinal);
        var layers = g.Nodes
            .Where(n => p.LightNodes.Contains(n) || p.HeavyNodes.Contains(n))
            .Select(n => new LayerReport(n.Name, n.Kind, p.PathOf(n), n.Output, g.Tensor(n.Output).Channels, g.Rows(n.Output),
                n.MacsPerFrame(g), n.Parameters, weightBytes.GetValueOrDefault(n.Name), specialised.Contains(n.Name),
                layout.LayoutOf(n.Name), OutputType(m.Quantization, n.Output)))
            .ToList();
        double framesPerSecond = (double)m.Manifest.SampleRate / m.Manifest.Frame;
        PathReport Sum(string name, IEnumerable<LayerReport> ls, int arena, int state)
        {
            var list = ls.ToList();
            long macs = list.Sum(l => l.MacsPerFrame);
            return new PathReport(name, macs, macs * framesPerSecond, list.Sum(l => l.Parameters), list.Sum(l => l.WeightBytes), arena, state);
        }

        // The full model is what always-heavy execution needs: the heavy path plus the light
        // nodes that feed the handoff (the encoder), not the switch or the light decoder.
        var feedsHandoff = new HashSet<string>(Ancestors(g, p.Handoff).Select(n => n.Name));
        PathReport light = Sum("light", layers.Where(l => l.Path == PathKind.Light), program.Light.ArenaBytes, program.Light.StateBytes);
        PathReport heavy = Sum("heavy", layers.Where(l => l.Path == PathKind.Heavy), program.Heavy.ArenaBytes, program.Heavy.StateBytes);
        PathReport full = Sum("full (encoder + heavy)", layers.Where(l => l.Path == PathKind.Heavy || feedsHandoff.Contains(l.Node)), 0, 0);
        return new ModelReport(program.Name, program.SampleRate, program.FrameSamples, m.Manifest.Mode.ToString().ToLowerInvariant(),
            program.Rounding.ToString().ToLowerInvariant(), program.HandoffBytes, p.Handoff, program.ReplayFrames, // K: what a restart replays
            ReceptiveField.Samples(g, p.HeavyNodes, p.Handoff), program.HoldFrames, program.SwitchThreshold,
            light, heavy, full, layers, specialisation.MaxChannels);
    }

    private static IEnumerable<IrNode> Ancestors(IrGraph g, IEnumerable<string> tensors)
    {
        var seen = new HashSet<IrNode>();
        var stack = new Stack<string>(tensors);
        while (stack.Count > 0)
        {
            IrNode? n = g.Producer(stack.Pop());
            if (n is not null && seen.Add(n))
            {
                foreach (string i in n.Inputs)
                {
                    stack.Push(i);
                }
            }
        }

        return seen;
    }

    private static string OutputType(QuantizationPlan quant, string tensor) =>
        quant.Int16Tensors.Contains(tensor) ? "int16" : quant.Of(tensor).ElementBytes == 2 ? "pcm16" : "int8";

    /// <summary>Constant bytes each node's steps put in flash (weights, int32 tables, LUTs).</summary>
    public static Dictionary<string, long> WeightBytesByNode(ModelProgram program)
    {
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Step s in program.Light.Steps.Concat(program.Heavy.Steps))
        {
            long b = s switch
            {
                ConvStep c => c.Weights.Length + Stage(c.Stage),
                ConvTransposeStep u => u.Weights.Length + Stage(u.Stage),
                AddStep a => (a.Lut?.Length ?? 0) + (a.ConstantB?.Length ?? 0) + (2L * (a.ConstantB16?.Length ?? 0)),
                MulStep m => (m.Lut?.Length ?? 0) + (m.ConstantB?.Length ?? 0) + (2L * (m.ConstantB16?.Length ?? 0)),
                LutStep l => l.Lut.Length,
                CurveStep c => c.Table.Length * 2L,
                _ => 0,
            };
            bytes[s.Node] = bytes.GetValueOrDefault(s.Node) + b;
        }

        return bytes;
    }

    private static long Stage(OutputStage s) => 4L * (s.Bias.Length + s.Multiplier.Length + s.Shift.Length) + (s.Lut?.Length ?? 0);
}
