using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Onnx.Ops;

namespace Dsl.Compiler.Onnx;

/// <summary>
/// Turns a parsed ONNX file into an <see cref="OnnxGraph"/> of compute ops. Steps, in order:
/// name unnamed nodes; sort topologically (stable: file order wins ties); drop nodes no output needs;
/// walk the nodes with the audio input fixed at [1, 1, T], folding every node whose inputs are all
/// constant (or, for Shape/Size, whose input shapes are known) and inferring shapes of the rest;
/// remove Identity (and float-to-float Cast) by rewiring; drop what became dead; collect constants.
/// Declared value_info shapes are ignored: torch writes symbolic junk there.
/// </summary>
internal sealed class OnnxGraphResolver
{
    private readonly string _path;
    private readonly long _opset;
    private readonly OnnxFileModel _model;
    private readonly long _traceLength;
    private readonly FoldBudget _budget;

    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> _constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);

    public OnnxGraphResolver(string path, long opset, OnnxFileModel model, long traceLength, long fileBytes)
    {
        _budget = new FoldBudget(fileBytes);
        _path = path;
        _opset = opset;
        _model = model;
        _traceLength = traceLength;
    }

    public OnnxGraph Resolve()
    {
        List<OnnxNode> nodes = NameNodes();
        foreach (OnnxTensor t in _model.Initializers)
        {
            if (t.Name.Length == 0)
            {
                throw Fail("an initializer has no name");
            }

            if (!_constants.TryAdd(t.Name, t))
            {
                throw Fail($"initializer '{t.Name}' is defined twice");
            }

            _shapes[t.Name] = t.Shape;
        }

        string input = AudioInput();
        _shapes[input] = [1, 1, _traceLength];
        List<string> outputs = Outputs();

        nodes = Sort(nodes, input);
        nodes = Live(nodes, outputs);
        _valueNames.UnionWith(_shapes.Keys);
        _valueNames.UnionWith(nodes.SelectMany(n => n.Outputs));
        var kept = new List<OnnxNode>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].OpType == "If")
            {
                // The chosen branch's nodes go right after the If: they only read values defined before it.
                nodes.InsertRange(i + 1, InlineIf(nodes[i]));
            }
            else if (Evaluate(nodes[i]))
            {
                kept.Add(nodes[i]);
            }
        }

        kept = RemovePassThroughs(kept, input, outputs);
        kept = Live(kept, outputs);
        kept = kept.Select(TrimOptionalInputs).ToList();
        return Build(kept, input, outputs);
    }

    /// <summary>Gives unnamed nodes the stable name "&lt;OpType&gt;_&lt;index&gt;" and makes every name unique.</summary>
    private List<OnnxNode> NameNodes()
    {
        _nodeNames.UnionWith(_model.Nodes.Where(n => n.Name.Length > 0).Select(n => n.Name));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<OnnxNode>();
        for (int i = 0; i < _model.Nodes.Count; i++)
        {
            OnnxFileNode f = _model.Nodes[i];
            string name = f.Name.Length > 0 && seen.Add(f.Name)
                ? f.Name
                : Unique(f.Name.Length == 0 ? $"{f.OpType}_{i}" : $"{f.Name}_{i}", _nodeNames);
            seen.Add(name);
            result.Add(MakeNode(f, name));
        }

        return result;
    }

    /// <summary>
    /// Builds the node record. An If node also lists, after its condition, the outer values its branches
    /// read, so that sorting and liveness see those dependencies (If never survives import).
    /// </summary>
    private OnnxNode MakeNode(OnnxFileNode f, string name)
    {
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        foreach (OnnxAttribute a in f.Attributes)
        {
            attributes[a.Name] = a;
        }

        IEnumerable<string> inputs = f.Inputs;
        if (f.OpType == "If")
        {
            inputs = inputs.Take(1).Concat(f.Attributes
                .Where(a => a.Subgraph is not null)
                .SelectMany(a => a.Subgraph!.OuterReads())
                .Distinct(StringComparer.Ordinal));
        }

        var node = new OnnxNode(name, f.OpType, inputs.ToArray(), f.Outputs.ToArray(), attributes);
        if (f.Domain is not ("" or "ai.onnx"))
        {
            throw Fail($"{node.Describe()} is from the custom op domain '{f.Domain}', which dslc does not support; {SupportedList()}");
        }

        return node;
    }

    /// <summary><paramref name="stem"/>, or stem_1, stem_2, ... : the first not in <paramref name="used"/> (which then holds it).</summary>
    private static string Unique(string stem, HashSet<string> used)
    {
        string name = stem;
        for (int k = 1; used.Contains(name); k++)
        {
            name = $"{stem}_{k}";
        }

        used.Add(name);
        return name;
    }

    /// <summary>The one graph input that is not an initializer: the [1, 1, T] float audio.</summary>
    private string AudioInput()
    {
        var inputs = _model.Inputs.Where(v => !_constants.ContainsKey(v.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw Fail($"the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(v => $"'{v.Name}'"))}); a DSL model takes exactly one: mono audio of shape [1, 1, T]");
        }

        OnnxFileValue v = inputs[0];
        if (v.ElementType is not (0 or (int)OnnxElementType.Float))
        {
            throw Fail($"input '{v.Name}' has ONNX element type {v.ElementType}; the audio input must be float32");
        }

        if (v.Dims is long?[] dims && (dims.Length != 3 || dims[0] is long b && b != 1 || dims[1] is long ch && ch != 1))
        {
            string shown = string.Join(", ", dims.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"));
            throw Fail($"input '{v.Name}' is declared as [{shown}]; the audio input must be [1, 1, T] (batch 1, mono)");
        }

        return v.Name;
    }

    private List<string> Outputs()
    {
        if (_model.Outputs.Count == 0)
        {
            throw Fail("the graph declares no outputs");
        }

        var names = _model.Outputs.Select(o => o.Name).ToList();
        string? twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null)
        {
            throw Fail($"output '{twice}' is declared twice");
        }

        return names;
    }

    /// <summary>
    /// Kahn's algorithm, always taking the earliest ready node in file order, so a file that is already
    /// sorted (as ONNX requires) keeps its order and an unsorted one still gives one deterministic order.
    /// </summary>
    private List<OnnxNode> Sort(List<OnnxNode> nodes, string input)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string o in nodes[i].Outputs.Where(o => o.Length > 0))
            {
                if (o == input || _constants.ContainsKey(o) || !producer.TryAdd(o, i))
                {
                    throw Fail($"{nodes[i].Describe()} writes '{o}', which is already defined elsewhere in the graph");
                }
            }
        }

        var pending = new int[nodes.Count];
        var consumers = new List<int>[nodes.Count];
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            consumers[i] = new List<int>();
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string name in nodes[i].Inputs.Where(n => n.Length > 0).Distinct())
            {
                if (producer.TryGetValue(name, out int p))
                {
                    pending[i]++;
                    consumers[p].Add(i);
                }
                else if (name != input && !_constants.ContainsKey(name))
                {
                    throw Fail($"{nodes[i].Describe()} reads '{name}', which no node, initializer or graph input defines");
                }
            }

            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<OnnxNode>(nodes.Count);
        while (ready.TryDequeue(out int i, out _))
        {
            order.Add(nodes[i]);
            foreach (int c in consumers[i])
            {
                if (--pending[c] == 0)
                {
                    ready.Enqueue(c, c);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            OnnxNode stuck = nodes[Array.FindIndex(pending, p => p > 0)];
            throw Fail($"the graph has a cycle through {stuck.Describe()}; ONNX graphs must be acyclic");
        }

        return order;
    }

    /// <summary>Keeps only the nodes that some graph output depends on (order preserved).</summary>
    private static List<OnnxNode> Live(List<OnnxNode> nodes, List<string> outputs)
    {
        var needed = new HashSet<string>(outputs, StringComparer.Ordinal);
        var keep = new bool[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            if (nodes[i].Outputs.Any(needed.Contains))
            {
                keep[i] = true;
                needed.UnionWith(nodes[i].Inputs.Where(n => n.Length > 0));
            }
        }

        return nodes.Where((_, i) => keep[i]).ToList();
    }

    /// <summary>Folds <paramref name="node"/> or infers its output shapes; true when it stays as a compute node.</summary>
    private bool Evaluate(OnnxNode node)
    {
        OpRule rule = OpRegistry.Find(node.OpType)
            ?? throw Fail($"node '{node.Name}' ({node.OpType}, opset {_opset}) is not supported by dslc; {SupportedList()}");
        var shapes = node.Inputs.Select(n => n.Length == 0 ? null : _shapes[n]).ToList();
        var values = node.Inputs.Select(n => n.Length == 0 ? null : _constants.GetValueOrDefault(n)).ToList();
        var context = new OpContext(_path, _opset, node, shapes, values, _budget);
        bool allConstant = node.Inputs.All(n => n.Length == 0 || _constants.ContainsKey(n));
        try
        {
            OnnxTensor[]? folded = allConstant || rule.FoldsFromShapes ? rule.Fold(context) : null;
            if (folded is not null)
            {
                CheckOutputCount(node, folded.Length);
                for (int i = 0; i < folded.Length && i < node.Outputs.Count; i++)
                {
                    OnnxTensor t = folded[i] with { Name = node.Outputs[i] };
                    _constants[t.Name] = t;
                    _shapes[t.Name] = t.Shape;
                }

                return false;
            }

            if (!rule.IsCompute)
            {
                throw Fail($"node '{node.Name}' ({node.OpType}, opset {_opset}) is only supported by dslc on constants (it is folded at compile time), but here it depends on the audio data; {SupportedList()}");
            }

            long[][] inferred = rule.InferShapes(context);
            CheckOutputCount(node, inferred.Length);
            for (int i = 0; i < inferred.Length && i < node.Outputs.Count; i++)
            {
                _shapes[node.Outputs[i]] = inferred[i];
            }

            return true;
        }
        catch (Exception e) when (e is not DslException)
        {
            // A malformed file can still trip an op rule (e.g. data that disagrees with its shape).
            throw new DslException(
                DslErrorCode.Model,
                $"{_path}: node '{node.Name}' ({node.OpType}, opset {_opset}): cannot be evaluated ({e.GetType().Name}: {e.Message}); check the exported model",
                e);
        }
    }

    /// <summary>
    /// torch exports `x.squeeze(d)` on a dynamic axis as If(shape[d] == 1, Squeeze, Identity). With the
    /// trace length known the condition folds, so the taken branch replaces the If: its nodes (values
    /// renamed if they clash with the outer graph) plus an Identity per If output.
    /// </summary>
    private List<OnnxNode> InlineIf(OnnxNode node)
    {
        string cond = node.Input(0);
        if (!_constants.TryGetValue(cond, out OnnxTensor? c) || c.ElementCount != 1)
        {
            throw Fail($"node '{node.Name}' (If, opset {_opset}) has a condition that depends on the audio data; dslc needs a graph without data-dependent control flow");
        }

        bool taken = c.IsFloat ? c.Floats[0] != 0 : c.Ints[0] != 0;
        string branchName = taken ? "then_branch" : "else_branch";
        OnnxFileGraph branch = node.Attributes.GetValueOrDefault(branchName)?.Subgraph
            ?? throw Fail($"node '{node.Name}' (If, opset {_opset}) has no {branchName}");
        if (branch.Outputs.Count != node.Outputs.Count)
        {
            throw Fail($"node '{node.Name}' (If, opset {_opset}): {branchName} has {branch.Outputs.Count} outputs for {node.Outputs.Count} If outputs");
        }

        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        string Local(string name) => name.Length == 0 ? name : rename.GetValueOrDefault(name, name);
        string Define(string name)
        {
            string unique = _valueNames.Contains(name) ? Unique($"{node.Name}/{name.TrimStart('/')}", _valueNames) : name;
            _valueNames.Add(unique);
            rename[name] = unique;
            return unique;
        }

        foreach (OnnxTensor t in branch.Initializers)
        {
            string name = Define(t.Name);
            _constants[name] = t with { Name = name };
            _shapes[name] = t.Shape;
        }

        var inlined = new List<OnnxNode>();
        for (int i = 0; i < branch.Nodes.Count; i++)
        {
            OnnxFileNode f = branch.Nodes[i];
            string local = f.Name.Length > 0 ? f.Name.TrimStart('/') : $"{f.OpType}_{i}";
            string name = Unique($"{node.Name}/{local}", _nodeNames);
            var inputs = f.Inputs.Select(Local).ToArray();
            var outputs = f.Outputs.Select(o => o.Length == 0 ? o : Define(o)).ToArray();
            inlined.Add(MakeNode(f with { Inputs = inputs, Outputs = outputs }, name));
        }

        for (int i = 0; i < node.Outputs.Count; i++)
        {
            string name = Unique($"{node.Name}/Identity_{i}", _nodeNames);
            inlined.Add(new OnnxNode(name, "Identity", [Local(branch.Outputs[i])], [node.Outputs[i]], new Dictionary<string, OnnxAttribute>()));
        }

        return inlined;
    }

    private void CheckOutputCount(OnnxNode node, int produced)
    {
        if (node.Outputs.Skip(produced).Any(o => o.Length > 0))
        {
            throw Fail($"node '{node.Name}' ({node.OpType}, opset {_opset}) has {node.Outputs.Count} outputs; dslc supports only the first {produced}");
        }
    }

    /// <summary>
    /// Removes Identity and float-to-float Cast nodes. Consumers are rewired to the node's input; when
    /// the node's output is a graph output, the producer's output is renamed instead so the output keeps
    /// its name. Only a pass-through from the graph input (or from another output) to an output stays.
    /// </summary>
    private List<OnnxNode> RemovePassThroughs(List<OnnxNode> nodes, string input, List<string> outputs)
    {
        var result = new List<OnnxNode>(nodes);
        for (int i = 0; i < result.Count;)
        {
            OnnxNode node = result[i];
            if (node.OpType is not ("Identity" or "Cast"))
            {
                i++;
                continue;
            }

            string from = node.Inputs[0], to = node.Outputs[0];
            int producer = result.FindIndex(n => n.Outputs.Contains(from));
            if (!outputs.Contains(to))
            {
                Rename(result, to, from);
            }
            else if (from != input && !outputs.Contains(from) && producer >= 0)
            {
                Rename(result, from, to);
                _shapes.Remove(from);
            }
            else
            {
                i++;
                continue;
            }

            result.RemoveAt(i); // Rename replaced the record in place, so index i is still this node
        }

        return result;
    }

    /// <summary>Replaces value name <paramref name="from"/> by <paramref name="to"/> in every node's inputs and outputs.</summary>
    private static void Rename(List<OnnxNode> nodes, string from, string to)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            OnnxNode n = nodes[i];
            if (n.Inputs.Contains(from) || n.Outputs.Contains(from))
            {
                nodes[i] = n with
                {
                    Inputs = n.Inputs.Select(x => x == from ? to : x).ToArray(),
                    Outputs = n.Outputs.Select(x => x == from ? to : x).ToArray(),
                };
            }
        }
    }

    /// <summary>Drops trailing absent optional inputs ("" names), e.g. torch's empty Pad constant_value (meaning 0).</summary>
    private static OnnxNode TrimOptionalInputs(OnnxNode node)
    {
        int count = node.Inputs.Count;
        while (count > 0 && node.Inputs[count - 1].Length == 0)
        {
            count--;
        }

        return count == node.Inputs.Count ? node : node with { Inputs = node.Inputs.Take(count).ToArray() };
    }

    private OnnxGraph Build(List<OnnxNode> nodes, string input, List<string> outputs)
    {
        var constants = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal) { [input] = _shapes[input] };
        IEnumerable<string> reads = nodes.SelectMany(n => n.Inputs).Concat(outputs);
        foreach (string name in reads)
        {
            if (_constants.TryGetValue(name, out OnnxTensor? t) && constants.TryAdd(name, t))
            {
                shapes[name] = t.Shape;
            }
        }

        foreach (string name in nodes.SelectMany(n => n.Outputs).Where(n => n.Length > 0))
        {
            shapes[name] = _shapes[name];
        }

        foreach (string name in outputs)
        {
            if (!shapes.ContainsKey(name))
            {
                throw Fail($"graph output '{name}' is not computed by any node");
            }
        }

        return new OnnxGraph
        {
            SourcePath = _path,
            Opset = _opset,
            Nodes = nodes,
            Constants = constants,
            Inputs = [input],
            Outputs = outputs,
            Shapes = shapes,
        };
    }

    private static string SupportedList() =>
        $"supported compute ops are {string.Join(", ", OpRegistry.ComputeOps)} (plus Identity, Constant and shape arithmetic on constants)";

    private DslException Fail(string message) => new(DslErrorCode.Model, $"{_path}: {message}");
}
