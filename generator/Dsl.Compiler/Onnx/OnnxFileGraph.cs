namespace Dsl.Compiler.Onnx;

/// <summary>
/// A subgraph held by a node attribute (If's then_branch / else_branch) as parsed from the file.
/// Its nodes may read values of the enclosing graph by name.
/// </summary>
internal sealed record OnnxFileGraph(
    IReadOnlyList<OnnxFileNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<string> Outputs)
{
    /// <summary>Names this subgraph (or one nested in it) reads but does not define: values of the enclosing scope.</summary>
    public IEnumerable<string> OuterReads()
    {
        var defined = new HashSet<string>(Initializers.Select(t => t.Name), StringComparer.Ordinal);
        var reads = new List<string>();
        foreach (OnnxFileNode n in Nodes)
        {
            IEnumerable<string> nested = n.Attributes.Where(a => a.Subgraph is not null).SelectMany(a => a.Subgraph!.OuterReads());
            reads.AddRange(n.Inputs.Concat(nested).Where(i => i.Length > 0 && !defined.Contains(i)));
            defined.UnionWith(n.Outputs);
        }

        reads.AddRange(Outputs.Where(o => !defined.Contains(o)));
        return reads.Distinct(StringComparer.Ordinal);
    }
}
