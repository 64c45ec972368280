using Dsl.Compiler.Ir;

namespace Dsl.Compiler.Passes;

/// <summary>One rewrite of the streamed IR. Passes are pure: they return a new graph.</summary>
public interface IGraphPass
{
    string Name { get; }

    IrGraph Run(IrGraph graph, string modelPath);
}
