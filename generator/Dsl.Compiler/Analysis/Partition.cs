using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// The split of a streamed graph into the always-on light path and the gated heavy path, and
/// the handoff: tensors the light path computes (or the audio input) that the heavy path reads.
/// </summary>
public sealed record Partition(
    IReadOnlyList<IrNode> LightNodes,
    IReadOnlyList<IrNode> HeavyNodes,
    IReadOnlyList<string> Handoff,
    int ReplayFrames)
{
    public PathKind PathOf(IrNode node) => HeavyNodes.Contains(node) ? PathKind.Heavy : PathKind.Light;

    public IReadOnlyList<IrNode> Nodes(PathKind path) => path == PathKind.Light ? LightNodes : HeavyNodes;
}
