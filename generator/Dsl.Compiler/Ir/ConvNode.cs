namespace Dsl.Compiler.Ir;

/// <summary>
/// 1-D convolution, weights [out][kernel][in/groups] (row-major), causal: <see cref="PadLeft"/>
/// zero rows precede the input (they become streaming history), nothing follows it.
/// </summary>
public sealed record ConvNode(
    string Name,
    string Input,
    string Output,
    int InChannels,
    int OutChannels,
    int KernelSize,
    int Stride,
    int Dilation,
    int Groups,
    int PadLeft,
    float[] Weights,
    float[] Bias,
    Activation Activation)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => Activation.IsIdentity ? "Conv" : $"Conv+{Activation}";

    public int InPerGroup => InChannels / Groups;

    public float Weight(int o, int k, int c) => Weights[((o * KernelSize) + k) * InPerGroup + c];

    /// <summary>Outputs at the end of time that read end padding (future input): only until
    /// <c>FoldCropsPass</c> removes them with the right crop that follows (symmetric padding + crop is causal).</summary>
    public int TrailingOutputs { get; init; }

    /// <summary>Rows of previous input a frame needs in front of its own rows.</summary>
    public int HistoryRows => PadLeft;

    public override long MacsPerFrame(IrGraph graph) =>
        (long)graph.Rows(Output) * OutChannels * KernelSize * InPerGroup;

    public override long Parameters => Weights.LongLength + Bias.LongLength;

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
