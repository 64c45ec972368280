using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// What an <see cref="OpRule"/> sees of one node: its attributes, the inferred shape of every input and
/// the value of every input that is constant. Absent optional inputs (missing or named "") have
/// neither. Errors thrown through <see cref="Error"/> name the file, the node, its op type and the opset.
/// </summary>
internal sealed class OpContext
{
    private readonly IReadOnlyList<long[]?> _shapes;
    private readonly IReadOnlyList<OnnxTensor?> _constants;

    public OpContext(string sourcePath, long opset, OnnxNode node, IReadOnlyList<long[]?> shapes, IReadOnlyList<OnnxTensor?> constants, FoldBudget budget)
    {
        Budget = budget;
        SourcePath = sourcePath;
        Opset = opset;
        Node = node;
        _shapes = shapes;
        _constants = constants;
    }

    public string SourcePath { get; }

    /// <summary>What folding may still allocate for this file (shared by all nodes of one import).</summary>
    public FoldBudget Budget { get; }

    public long Opset { get; }

    public OnnxNode Node { get; }

    public int InputCount => _shapes.Count;

    public bool Has(int index) => index < _shapes.Count && _shapes[index] is not null;

    /// <summary>Shape of input <paramref name="index"/>; a located error if the input is absent.</summary>
    public long[] Shape(int index) =>
        (index < _shapes.Count ? _shapes[index] : null) ?? throw Error($"input {index} is required but missing");

    public bool IsConstant(int index) => index < _constants.Count && _constants[index] is not null;

    /// <summary>Value of input <paramref name="index"/>; a located error naming <paramref name="what"/> if it is not constant.</summary>
    public OnnxTensor Constant(int index, string what)
    {
        if (!Has(index))
        {
            throw Error($"input {index} ({what}) is required but missing");
        }

        return _constants[index]
            ?? throw Error($"input {index} ({what}, '{Node.Inputs[index]}') must be a constant that dslc can compute at compile time, but it depends on the audio data");
    }

    /// <summary>Value of an optional constant input, null when absent.</summary>
    public OnnxTensor? OptionalConstant(int index, string what) => Has(index) ? Constant(index, what) : null;

    /// <summary>Integer values of constant input <paramref name="index"/> (shape-like inputs).</summary>
    public long[] Ints(int index, string what)
    {
        OnnxTensor t = Constant(index, what);
        if (t.IsFloat)
        {
            throw Error($"input {index} ({what}) must be an integer tensor, found {t.ElementType}");
        }

        return t.Ints;
    }

    /// <summary>Input <paramref name="index"/> as a constant tensor when every input is constant (folding).</summary>
    public OnnxTensor Value(int index) => _constants[index] ?? throw Error($"input {index} is not constant");

    /// <summary>Normalises a possibly negative axis against <paramref name="rank"/>, with a located error when out of range.</summary>
    public int Axis(long axis, int rank, string what = "axis")
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw Error($"{what} {axis} is out of range for a rank-{rank} tensor");
        }

        return (int)a;
    }

    /// <summary>The output name <paramref name="index"/> (for naming folded tensors).</summary>
    public string OutputName(int index) => index < Node.Outputs.Count ? Node.Outputs[index] : $"{Node.Name}_output_{index}";

    public DslException Error(string message) =>
        new(DslErrorCode.Model, $"{SourcePath}: node '{Node.Name}' ({Node.OpType}, opset {Opset}): {message}");

    public static string Show(long[] shape) => $"[{string.Join(", ", shape)}]";
}
