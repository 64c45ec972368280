namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// How dslc understands one ONNX op type: the shapes of its outputs (for compute nodes that stay in the
/// graph) and, when it can, its value when all inputs are constant (constant folding). One rule per op
/// family, one file per rule, in the spirit of onnx2c's one class per operator.
/// </summary>
internal abstract class OpRule
{
    /// <summary>True when the op may remain in the imported graph as a compute node.</summary>
    public virtual bool IsCompute => false;

    /// <summary>
    /// True when the op can be folded from input shapes alone (Shape, Size): its inputs need not be constant.
    /// </summary>
    public virtual bool FoldsFromShapes => false;

    /// <summary>Output shapes of a node kept in the graph. Only called when <see cref="IsCompute"/>.</summary>
    public virtual long[][] InferShapes(OpContext c) =>
        throw c.Error("dslc cannot infer the output shape of this op");

    /// <summary>
    /// Output values when every (present) input is constant; null when this op is not folded
    /// (it then stays in the graph as a compute node if <see cref="IsCompute"/>).
    /// </summary>
    public virtual OnnxTensor[]? Fold(OpContext c) => null;
}
