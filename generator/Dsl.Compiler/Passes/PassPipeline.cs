using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>The passes dslc runs after lowering, in order.</summary>
public static class PassPipeline
{
    public static IReadOnlyList<IGraphPass> Default { get; } = new IGraphPass[]
    {
        new FoldPadsPass(),
        new FoldCropsPass(),
        new FoldConstantAffinePass(),
        new FuseActivationsPass(),
        new StreamingFormPass(),
    };

    public static IrGraph Run(IrGraph graph, string modelPath)
    {
        foreach (IGraphPass pass in Default)
        {
            graph = pass.Run(graph, modelPath);
        }

        return graph;
    }
}
