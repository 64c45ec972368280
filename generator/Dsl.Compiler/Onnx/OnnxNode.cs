namespace Dsl.Compiler.Onnx;

/// <summary>
/// One ONNX node. An empty input name means "optional input not given"; the importer drops trailing
/// empty inputs (so torch's Pad(x, pads, "") arrives as Pad(x, pads), i.e. pad value 0). Nodes without
/// a name in the file get the stable synthetic name "&lt;OpType&gt;_&lt;index in file&gt;" at load time,
/// and repeated names get a suffix, so every node name in an <see cref="OnnxGraph"/> is unique.
/// </summary>
public sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    public long GetInt(string name, long fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Int is long v ? v : fallback;

    public long[] GetInts(string name, long[] fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Ints is long[] v ? v : fallback;

    public float GetFloat(string name, float fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Float is float v ? v : fallback;

    public string? GetText(string name) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) ? a.Text : null;

    /// <summary>Input <paramref name="index"/> or "" when absent (optional inputs may be missing or empty).</summary>
    public string Input(int index) => index < Inputs.Count ? Inputs[index] : string.Empty;

    /// <summary>For messages: "node 'Conv_12' (Conv)".</summary>
    public string Describe() => $"node '{Name}' ({OpType})";
}
