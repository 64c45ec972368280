namespace Dsl.Compiler.Ir;

/// <summary>A compute node: reads streamed tensors, writes one streamed tensor.</summary>
public abstract record IrNode(string Name, IReadOnlyList<string> Inputs, string Output)
{
    /// <summary>The ONNX op(s) it came from, for messages and reports.</summary>
    public abstract string Kind { get; }

    /// <summary>Multiply-accumulates per frame, given the output rows per frame.</summary>
    public virtual long MacsPerFrame(IrGraph graph) => 0;

    /// <summary>Number of learned parameters (weights + biases + constants).</summary>
    public virtual long Parameters => 0;

    /// <summary>The same node reading other tensors (same count, same order).</summary>
    public abstract IrNode WithInputs(IReadOnlyList<string> inputs);
}
