using Dsl.Compiler.Analysis;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Schedule;

/// <summary>
/// Quantizes each node and schedules both paths: one kernel call per node (plus the copies and
/// history shifts streaming needs), with every tensor placed in a region: the audio input, the
/// caller's output frame, the handoff, a node's history buffer (state), or the liveness arena.
/// </summary>
public sealed class ProgramBuilder
{
    private readonly IrGraph graph;
    private readonly Partition partition;
    private readonly DslManifest manifest;
    private readonly QuantizationPlan quant;
    private readonly RoundingRule rounding;
    private readonly Dictionary<string, BufferSlice> handoff = new(StringComparer.Ordinal);
    private readonly int handoffBytes;

    public ProgramBuilder(IrGraph graph, Partition partition, DslManifest manifest, QuantizationPlan quant, RoundingRule rounding)
    {
        this.graph = graph;
        this.partition = partition;
        this.manifest = manifest;
        this.quant = quant;
        this.rounding = rounding;
        int offset = 0;
        foreach (string t in partition.Handoff)
        {
            int bytes = Bytes(t);
            handoff[t] = new BufferSlice(BufferRegion.Handoff, offset, bytes);
            offset = ArenaPlanner.Align(offset + bytes);
        }

        handoffBytes = offset;
    }

    public ModelProgram Build()
    {
        AudioBoundaries.Check(graph, manifest); // Analyze checked it already; a graph built another way is checked here
        string switchTensor = graph.OutputTensor(manifest.SwitchOutput);

        string? lightOut = manifest.LightOutputs.Count == 1 ? graph.OutputTensor(manifest.LightOutputs[0]) : null;
        string heavyOut = graph.OutputTensor(manifest.HeavyOutputs[0]);
        var lightPins = new HashSet<string>(StringComparer.Ordinal) { switchTensor };
        (PathProgram light, Dictionary<string, BufferSlice> lightPlaces) = BuildPath(PathKind.Light, lightOut, lightPins);
        (PathProgram heavy, _) = BuildPath(PathKind.Heavy, heavyOut, new HashSet<string>(StringComparer.Ordinal));

        QuantParams sq = quant.Of(switchTensor);
        double threshold = Math.Ceiling(sq.ZeroPoint + (manifest.Threshold / sq.Scale) - 1e-9);
        int thresholdQ = (int)Math.Clamp(threshold, -128, 128);
        return new ModelProgram(manifest.CName, manifest.SampleRate, manifest.Frame, manifest.Mode, rounding, light, heavy,
            handoffBytes, ReplayBound.Check(partition.ReplayFrames, manifest), manifest.Hold, lightPlaces[switchTensor], thresholdQ,
            lightOut is not null && manifest.Mode == RoutingMode.Switch, SilenceGate(), manifest.Replay, partition.ReplayFrames,
            manifest.Classes is { } c ? new ClassHeadProgram(manifest.ClassOutput!, c, quant.Of(heavyOut)) : null);
    }

    /// <summary>The gate's integers: its frames of silence are the whole model's receptive field from the audio input
    /// (light and heavy nodes: the heavy output's reach includes the light nodes it reads) plus the current frame.</summary>
    private SilenceGateProgram? SilenceGate()
    {
        SilenceGateSettings s = manifest.Silence;
        return s.Enabled
            ? new SilenceGateProgram(s.Threshold, ReceptiveField.ReplayFrames(graph, graph.Nodes, [graph.Input]) + 1)
            : null;
    }

    private int Bytes(string tensor) => graph.ElementsPerFrame(tensor) * quant.Of(tensor).ElementBytes;

    private (PathProgram Program, Dictionary<string, BufferSlice> Places) BuildPath(PathKind path, string? output, HashSet<string> pinned)
    {
        IReadOnlyList<IrNode> nodes = partition.Nodes(path);
        var places = new Dictionary<string, BufferSlice>(StringComparer.Ordinal);
        var stateOf = new Dictionary<string, BufferSlice>(StringComparer.Ordinal);
        var inits = new List<StateInit>();
        int stateBytes = 0;

        // History buffers: [history rows + this frame's rows] of the node's input.
        foreach (IrNode node in nodes)
        {
            int history = HistoryRows(node);
            if (history == 0)
            {
                continue;
            }

            string input = node.Inputs[0];
            QuantParams q = quant.Of(input);
            int rowBytes = graph.Tensor(input).Channels * q.ElementBytes;
            int bytes = (history + graph.Rows(input)) * rowBytes;
            stateOf[node.Name] = new BufferSlice(BufferRegion.State, stateBytes, bytes);
            inits.Add(new StateInit(node.Name, stateBytes, bytes, q.ElementBytes, q.ZeroPoint));
            stateBytes = ArenaPlanner.Align(stateBytes + bytes);
        }

        // Fixed places: inputs of the path, the output frame, the handoff the light path writes.
        if (path == PathKind.Light)
        {
            places[graph.Input] = new BufferSlice(BufferRegion.Input, 0, Bytes(graph.Input));
        }
        else
        {
            foreach ((string t, BufferSlice s) in handoff)
            {
                places[t] = s;
            }
        }

        // The heavy path gets the handoff through the caller's int8 pointer (no alignment promised): an int16 tensor
        // there that a kernel reads in place (not through a history buffer, filled by a byte copy) is copied into
        // the arena first.
        List<string> alignedCopies = path == PathKind.Heavy
            ? handoff.Keys.Where(t => quant.Of(t).ElementBytes == 2 && DirectReaders(nodes, t, stateOf).Any()).ToList()
            : [];

        var produced = nodes.Select(n => n.Output).ToList();
        if (output is not null && produced.Contains(output))
        {
            places[output] = new BufferSlice(BufferRegion.Output, 0, Bytes(output));
        }

        var arena = new List<ArenaPlanner.Request>();
        foreach (string t in alignedCopies)
        {
            arena.Add(new ArenaPlanner.Request(t, Bytes(t), 0, DirectReaders(nodes, t, stateOf).Max()));
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            // Operands rescaled to their op's precision live only while the op runs.
            foreach ((string temp, int tempBytes) in Operands(nodes[i]).Where(o => o.Temp is not null).Select(o => (o.Temp!, o.Bytes)))
            {
                arena.Add(new ArenaPlanner.Request(temp, tempBytes, i, i));
            }

            string t = nodes[i].Output;
            if (places.ContainsKey(t))
            {
                continue;
            }

            if (path == PathKind.Light && handoff.TryGetValue(t, out BufferSlice? h))
            {
                places[t] = h;
                continue;
            }

            var readers = nodes.Select((n, idx) => (n, idx)).Where(p => p.n.Inputs.Contains(t)).ToList();
            bool pinnedHere = pinned.Contains(t);
            if (!pinnedHere && readers.Count == 1 && stateOf.TryGetValue(readers[0].n.Name, out BufferSlice? state))
            {
                // Written straight behind the reader's history: no copy.
                int historyBytes = state.Bytes - Bytes(t);
                places[t] = state.At(historyBytes, Bytes(t));
                continue;
            }

            int last = pinnedHere || readers.Count == 0 ? nodes.Count : readers.Max(p => p.idx);
            arena.Add(new ArenaPlanner.Request(t, Bytes(t), i, last));
        }

        (Dictionary<string, int> offsets, int arenaBytes) = ArenaPlanner.Plan(arena);
        foreach (ArenaPlanner.Request r in arena)
        {
            places[r.Tensor] = new BufferSlice(BufferRegion.Arena, offsets[r.Tensor], r.Bytes);
        }

        var steps = new List<Step>();
        if (path == PathKind.Light && handoff.TryGetValue(graph.Input, out BufferSlice? audioHandoff))
        {
            steps.Add(new CopyStep(graph.Input, places[graph.Input], audioHandoff));
        }

        foreach (string t in alignedCopies)
        {
            steps.Add(new CopyStep(t, handoff[t], places[t]));
        }

        foreach (IrNode node in nodes)
        {
            BufferSlice input = places[node.Inputs[0]];
            if (stateOf.TryGetValue(node.Name, out BufferSlice? state))
            {
                int newBytes = Bytes(node.Inputs[0]);
                BufferSlice tail = state.At(state.Bytes - newBytes, newBytes);
                if (input != tail)
                {
                    steps.Add(new CopyStep(node.Name, input, tail));
                }

                input = state;
            }

            steps.AddRange(Quantize(node, input, places));
            if (state is not null)
            {
                int newBytes = Bytes(node.Inputs[0]);
                steps.Add(new HistoryShiftStep(node.Name, state, state.Bytes - newBytes, newBytes));
            }
        }

        return (new PathProgram(path, steps, arenaBytes, stateBytes, inits), places);
    }

    /// <summary>Indexes of the nodes that read <paramref name="tensor"/> where it lies (not through a history buffer).</summary>
    private static IEnumerable<int> DirectReaders(IReadOnlyList<IrNode> nodes, string tensor, Dictionary<string, BufferSlice> stateOf) =>
        Enumerable.Range(0, nodes.Count).Where(i => nodes[i].Inputs.Contains(tensor) && !(nodes[i].Inputs[0] == tensor && stateOf.ContainsKey(nodes[i].Name)));

    private static int HistoryRows(IrNode node) => node switch
    {
        ConvNode c => c.HistoryRows,
        ConvTransposeNode u => u.HistoryRows,
        _ => 0,
    };

    private string Where(IrNode node) => $"{manifest.ModelPath}: node '{node.Name}' ({node.Kind})";

    private IEnumerable<Step> Quantize(IrNode node, BufferSlice input, Dictionary<string, BufferSlice> places)
    {
        IEnumerable<Step> steps = node switch
        {
            ConvNode c => new Step[] { Conv(c, input, places[c.Output]) },
            ConvTransposeNode u => new Step[] { ConvTranspose(u, input, places[u.Output]) },
            ElementwiseNode e => Elementwise(e, places),
            ActivationNode a => Activate(a, places),
            ConcatNode c => Concat(c, places),
            ChannelSliceNode c => new Step[] { SliceChannels(c, places) },
            _ => throw new InvalidOperationException($"schedule: unexpected node {node.Kind}"),
        };

        // A fused nonlinearity on an int16 output: the kernel wrote the int16 pre-activation, the curve runs in place.
        return quant.CurveOf(node) is { } curve
            ? steps.Append(new CurveStep(node.Name, curve, places[node.Output], graph.ElementsPerFrame(node.Output), places[node.Output]))
            : steps;
    }

    /// <summary>A strided copy (rescaled when the calibrated ranges differ) of a channel range.</summary>
    private RescaleStep SliceChannels(ChannelSliceNode c, Dictionary<string, BufferSlice> places)
    {
        QuantParams qi = quant.Of(c.Input);
        QuantParams qo = quant.Of(c.Output);
        int inChannels = graph.Tensor(c.Input).Channels;
        BufferSlice input = places[c.Input];
        FixedPointMultiplier m = Rescale(qi, qo, c);
        int start = c.Start * qi.ElementBytes;
        return new RescaleStep(c.Name, qi.ZeroPoint, m.Multiplier, m.Shift, qo.ZeroPoint,
            input.At(start, input.Bytes - start), inChannels, graph.Rows(c.Output), c.Count, places[c.Output], c.Count,
            qi.ElementBytes, qo.ElementBytes);
    }

    /// <summary>Requantization between two tensors; multiplier 0 means "same type and parameters, copy".</summary>
    private FixedPointMultiplier Rescale(QuantParams from, QuantParams to, IrNode node) =>
        from.Scale == to.Scale && from.ZeroPoint == to.ZeroPoint && from.ElementBytes == to.ElementBytes
            ? new FixedPointMultiplier(0, 0)
            : FixedPointMultiplier.From(from.Scale / to.Scale, Where(node));

    /// <summary>
    /// The tensor inputs of an elementwise op (Add and Mul kernels take operands of one type, their output's; none for
    /// other nodes): each with the arena scratch it is rescaled into first when its type differs from the op's
    /// (Temp, live only while the op runs; null when read in place) and that scratch's size.
    /// </summary>
    private IReadOnlyList<(string Tensor, string? Temp, int Bytes)> Operands(IrNode node)
    {
        if (node is not ElementwiseNode e)
        {
            return [];
        }

        int opBytes = quant.StageOutput(e).ElementBytes;
        var operands = new List<(string, string?, int)>();
        for (int k = 0; k < e.Inputs.Count; k++)
        {
            string t = e.Inputs[k];
            bool retype = quant.Of(t).ElementBytes != opBytes;
            operands.Add((t, retype ? $"{e.Name}#operand{k}" : null, graph.ElementsPerFrame(t) * opBytes));
        }

        return operands;
    }

    /// <summary>Operand <paramref name="k"/> of <paramref name="e"/> in the op's type: in place, or after a rescale step.</summary>
    private (QuantParams Params, BufferSlice Slice) Operand(ElementwiseNode e, int k, int opBytes, Dictionary<string, BufferSlice> places, List<Step> steps)
    {
        (string tensor, string? temp, _) = Operands(e)[k];
        QuantParams q = quant.Of(tensor);
        if (temp is null)
        {
            return (q, places[tensor]);
        }

        QuantParams target = quant.As(tensor, opBytes);
        FixedPointMultiplier m = Rescale(q, target, e);
        int channels = graph.Tensor(tensor).Channels;
        steps.Add(new RescaleStep(e.Name, q.ZeroPoint, m.Multiplier, m.Shift, target.ZeroPoint, places[tensor], channels,
            graph.Rows(tensor), channels, places[temp], channels, q.ElementBytes, opBytes));
        return (target, places[temp]);
    }

    /// <summary>One strided rescale per input into its channel range of the output rows.</summary>
    private IEnumerable<Step> Concat(ConcatNode c, Dictionary<string, BufferSlice> places)
    {
        QuantParams qo = quant.Of(c.Output);
        int outChannels = graph.Tensor(c.Output).Channels;
        int rows = graph.Rows(c.Output);
        int channelOffset = 0;
        var steps = new List<Step>();
        foreach (string input in c.Inputs)
        {
            QuantParams qi = quant.Of(input);
            int channels = graph.Tensor(input).Channels;
            FixedPointMultiplier m = Rescale(qi, qo, c);
            BufferSlice outSlice = places[c.Output];
            int at = channelOffset * qo.ElementBytes;
            steps.Add(new RescaleStep(c.Name, qi.ZeroPoint, m.Multiplier, m.Shift, qo.ZeroPoint, places[input], channels, rows, channels,
                outSlice.At(at, outSlice.Bytes - at), outChannels, qi.ElementBytes, qo.ElementBytes));
            channelOffset += channels;
        }

        return steps;
    }

    private ConvStep Conv(ConvNode c, BufferSlice input, BufferSlice output)
    {
        QuantParams qi = quant.Of(c.Input);
        QuantParams qo = quant.Of(c.Output);
        ConvKind kind = Kind(qi, quant.StageOutput(c));
        ConvQuantizer.Result r = ConvQuantizer.Quantize(Where(c), c.Weights, c.Bias, c.OutChannels, c.KernelSize,
            ConvQuantizer.TapGroups(c), qi, quant.StageOutput(c), quant.Limits(c));
        return new ConvStep(c.Name, kind, c.InChannels, c.OutChannels, c.KernelSize, c.Stride, c.Dilation, c.Groups,
            r.Weights, r.Stage, input, graph.Rows(c.Output), output);
    }

    /// <summary>The kernel's element types: the input's and the stage output's (the pre-activation when a curve follows).</summary>
    private static ConvKind Kind(QuantParams input, QuantParams stageOutput) => (input.ElementBytes, stageOutput.ElementBytes) switch
    {
        (1, 1) => ConvKind.S8,
        (2, 1) => ConvKind.S16S8,
        (1, 2) => ConvKind.S8S16,
        _ => ConvKind.S16S16,
    };

    private ConvTransposeStep ConvTranspose(ConvTransposeNode u, BufferSlice input, BufferSlice output)
    {
        QuantParams qi = quant.Of(u.Input);
        ConvQuantizer.Result q = ConvQuantizer.Quantize(Where(u), u.Weights, u.Bias, u.OutChannels, u.KernelSize,
            ConvQuantizer.TapGroups(u), qi, quant.StageOutput(u), quant.Limits(u));
        return new ConvTransposeStep(u.Name, u.InChannels, u.OutChannels, u.KernelSize, u.Stride, u.Dilation,
            q.Weights, q.Stage, input, graph.Rows(u.Input), output, Kind(qi, quant.StageOutput(u)));
    }

    private List<Step> Elementwise(ElementwiseNode e, Dictionary<string, BufferSlice> places)
    {
        QuantParams qo = quant.StageOutput(e);
        OutputStageLimits limits = quant.Limits(e);
        int opBytes = qo.ElementBytes;
        var steps = new List<Step>();
        (QuantParams qa, BufferSlice a) = Operand(e, 0, opBytes, places, steps);

        QuantParams qb;
        BufferSlice? b = null;
        sbyte[]? constant = null;
        short[]? constant16 = null;
        int channels = graph.Tensor(e.Output).Channels;
        int rows = graph.Rows(e.Output);
        if (e.Constant is null)
        {
            (qb, b) = Operand(e, 1, opBytes, places, steps);
        }
        else if (opBytes == 2)
        {
            qb = QuantParams.Int16(e.Constant.Min(), e.Constant.Max());
            constant16 = e.Constant.Select(v => (short)qb.Quantize(v)).ToArray();
        }
        else
        {
            qb = QuantParams.Int8(e.Constant.Min(), e.Constant.Max());
            constant = e.Constant.Select(v => (sbyte)qb.Quantize(v)).ToArray();
        }

        int bStride = e.Constant is null ? channels : 0;
        if (e.Op == ElementwiseOp.Add)
        {
            // (x - zp) << left_shift must fit int32: 20 for int8 operands, 15 for int16 (dsl_add_s16).
            int leftShift = opBytes == 2 ? 15 : 20;
            double twiceMax = 2 * Math.Max(qa.Scale, qb.Scale);
            FixedPointMultiplier ma = FixedPointMultiplier.From(qa.Scale / twiceMax, Where(e));
            FixedPointMultiplier mb = FixedPointMultiplier.From(qb.Scale / twiceMax, Where(e));
            FixedPointMultiplier mo = FixedPointMultiplier.From(twiceMax / ((1 << leftShift) * qo.Scale), Where(e));
            steps.Add(new AddStep(e.Name, qa.ZeroPoint, ma.Multiplier, ma.Shift, qb.ZeroPoint, mb.Multiplier, mb.Shift, leftShift,
                mo.Multiplier, mo.Shift, qo.ZeroPoint, limits.Min, limits.Max, limits.Lut,
                a, b, constant, bStride, rows, channels, places[e.Output], opBytes, constant16));
            return steps;
        }

        FixedPointMultiplier m = FixedPointMultiplier.From(qa.Scale * qb.Scale / qo.Scale, Where(e));
        steps.Add(new MulStep(e.Name, qa.ZeroPoint, qb.ZeroPoint, m.Multiplier, m.Shift, qo.ZeroPoint, limits.Min, limits.Max, limits.Lut,
            a, b, constant, bStride, rows, channels, places[e.Output], opBytes, constant16));
        return steps;
    }

    /// <summary>
    /// A standalone activation: a LUT between int8 tensors, a curve between int16 ones; when the types differ, the
    /// input is first rescaled into the output buffer in the output's type (over the input's calibrated range)
    /// and the table runs there in place.
    /// </summary>
    private IEnumerable<Step> Activate(ActivationNode a, Dictionary<string, BufferSlice> places)
    {
        QuantParams qi = quant.Of(a.Input);
        QuantParams qo = quant.Of(a.Output);
        int count = graph.ElementsPerFrame(a.Input);
        BufferSlice input = places[a.Input];
        BufferSlice output = places[a.Output];
        var steps = new List<Step>();
        QuantParams pre = qi;
        if (qi.ElementBytes != qo.ElementBytes)
        {
            pre = quant.As(a.Input, qo.ElementBytes);
            FixedPointMultiplier m = Rescale(qi, pre, a);
            int channels = graph.Tensor(a.Input).Channels;
            steps.Add(new RescaleStep(a.Name, qi.ZeroPoint, m.Multiplier, m.Shift, pre.ZeroPoint, input, channels,
                graph.Rows(a.Input), channels, output, channels, qi.ElementBytes, qo.ElementBytes));
            input = output;
        }

        steps.Add(qo.ElementBytes == 2
            ? new CurveStep(a.Name, CurveBuilder.Build(a.Activation, pre, qo), input, count, output)
            : new LutStep(a.Name, LutBuilder.Build(a.Activation, pre, qo), input, count, output));
        return steps;
    }
}
