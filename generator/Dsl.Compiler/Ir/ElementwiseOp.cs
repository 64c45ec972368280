namespace Dsl.Compiler.Ir;

public enum ElementwiseOp
{
    Add,
    Mul,
}
