namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// The table of op types dslc understands (default ONNX domain, opsets 13-17). Compute ops may stay
/// in the imported graph; the rest are only evaluated on constants (torch's shape arithmetic) and must
/// fold away. The rules are stateless, so one shared read-only table is enough.
/// </summary>
internal static class OpRegistry
{
    /// <summary>Compute op types that may remain in an imported graph, in the order error messages list them.</summary>
    public static IReadOnlyList<string> ComputeOps { get; } =
    [
        "Conv", "ConvTranspose", "BatchNormalization", "Elu", "Relu", "LeakyRelu", "PRelu", "Tanh", "Sigmoid", "Clip", "Add",
        "Mul",
        "MatMul", "Gemm", "Pad", "Slice", "Transpose", "Reshape", "Concat", "Squeeze", "Unsqueeze",
    ];

    public static IReadOnlyDictionary<string, OpRule> Rules { get; } = Build();

    public static OpRule? Find(string opType) => Rules.GetValueOrDefault(opType);

    private static Dictionary<string, OpRule> Build()
    {
        var transpose = new TransposeRule();
        return new Dictionary<string, OpRule>(StringComparer.Ordinal)
        {
            ["Conv"] = new ConvRule(),
            ["ConvTranspose"] = new ConvTransposeRule(),
            ["BatchNormalization"] = new BatchNormalizationRule(),
            ["PRelu"] = new PReluRule(),
            ["Clip"] = new ClipRule(),
            ["Elu"] = new UnaryRule(true, (x, n) => x < 0 ? n.GetFloat("alpha", 1f) * (Math.Exp(x) - 1) : x),
            ["Relu"] = new UnaryRule(true, (x, _) => Math.Max(x, 0), v => Math.Max(v, 0)),
            ["LeakyRelu"] = new UnaryRule(true, (x, n) => x < 0 ? n.GetFloat("alpha", 0.01f) * x : x),
            ["Tanh"] = new UnaryRule(true, (x, _) => Math.Tanh(x)),
            ["Sigmoid"] = new UnaryRule(true, (x, _) => 1 / (1 + Math.Exp(-x))),
            ["Add"] = new BinaryRule(true, (a, b) => a + b, (a, b) => a + b),
            ["Mul"] = new BinaryRule(true, (a, b) => a * b, (a, b) => a * b),
            ["MatMul"] = new MatMulRule(),
            ["Gemm"] = new GemmRule(),
            ["Pad"] = new PadRule(),
            ["Slice"] = new SliceRule(),
            ["Transpose"] = transpose,
            ["Reshape"] = new ReshapeRule(),
            ["Concat"] = new ConcatRule(),
            ["Squeeze"] = new SqueezeRule(),
            ["Unsqueeze"] = new UnsqueezeRule(),

            // Removed while importing: Identity always, Cast when it casts audio data to float.
            ["Identity"] = new IdentityRule(),
            ["Cast"] = new CastRule(),

            // Evaluated on constants only.
            ["Constant"] = new ConstantRule(),
            ["Shape"] = new ShapeRule(size: false),
            ["Size"] = new ShapeRule(size: true),
            ["Gather"] = new GatherRule(),
            ["ConstantOfShape"] = new ConstantOfShapeRule(),
            ["Range"] = new RangeRule(),
            ["Where"] = new WhereRule(),
            ["Expand"] = new ExpandRule(),
            ["Sub"] = new BinaryRule(false, (a, b) => a - b, (a, b) => a - b),
            ["Div"] = new BinaryRule(false, (a, b) => a / b, (a, b) => a / b),
            ["Pow"] = new BinaryRule(false, Math.Pow, null),
            ["Equal"] = new BinaryRule(false, (a, b) => a == b ? 1 : 0, (a, b) => a == b ? 1 : 0, comparison: true),
            ["Less"] = new BinaryRule(false, (a, b) => a < b ? 1 : 0, (a, b) => a < b ? 1 : 0, comparison: true),
            ["Greater"] = new BinaryRule(false, (a, b) => a > b ? 1 : 0, (a, b) => a > b ? 1 : 0, comparison: true),
            ["LessOrEqual"] = new BinaryRule(false, (a, b) => a <= b ? 1 : 0, (a, b) => a <= b ? 1 : 0, comparison: true),
            ["GreaterOrEqual"] = new BinaryRule(false, (a, b) => a >= b ? 1 : 0, (a, b) => a >= b ? 1 : 0, comparison: true),
            ["And"] = new BinaryRule(false, (a, b) => a != 0 && b != 0 ? 1 : 0, (a, b) => a != 0 && b != 0 ? 1 : 0, comparison: true),
            ["Or"] = new BinaryRule(false, (a, b) => a != 0 || b != 0 ? 1 : 0, (a, b) => a != 0 || b != 0 ? 1 : 0, comparison: true),
            ["Not"] = new UnaryRule(false, (x, _) => x == 0 ? 1 : 0, v => v == 0 ? 1 : 0),
            ["Neg"] = new UnaryRule(false, (x, _) => -x, v => -v),
            ["Abs"] = new UnaryRule(false, (x, _) => Math.Abs(x), Math.Abs),
            ["Sqrt"] = new UnaryRule(false, (x, _) => Math.Sqrt(x)),
            ["Exp"] = new UnaryRule(false, (x, _) => Math.Exp(x)),
            ["Log"] = new UnaryRule(false, (x, _) => Math.Log(x)),
            ["Floor"] = new UnaryRule(false, (x, _) => Math.Floor(x)),
            ["Ceil"] = new UnaryRule(false, (x, _) => Math.Ceiling(x)),
            ["Reciprocal"] = new UnaryRule(false, (x, _) => 1 / x),
        };
    }
}
