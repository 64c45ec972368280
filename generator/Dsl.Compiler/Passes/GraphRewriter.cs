using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>Small helpers shared by passes: bypass a node, count consumers.</summary>
public static class GraphRewriter
{
    /// <summary>Nodes reading <paramref name="from"/> read <paramref name="to"/> instead.</summary>
    public static List<IrNode> Redirect(IEnumerable<IrNode> nodes, string from, string to) =>
        nodes.Select(n => n.Inputs.Contains(from) ? n.WithInputs(n.Inputs.Select(i => i == from ? to : i).ToArray()) : n).ToList();

    /// <summary>True when the tensor has exactly one reader and is not a model output.</summary>
    public static bool HasSingleInternalConsumer(IrGraph graph, string tensor) =>
        graph.Consumers(tensor).Count() == 1 && !graph.Outputs.Values.Contains(tensor);
}
