namespace Dsl.Compiler.Ir;

/// <summary>
/// 1-D transposed convolution (groups 1), weights stored [out][kernel][in] (transposed from ONNX's
/// [in][out][kernel]). Output n sums inputs i and taps j with i*stride + j*dilation == n + PadBegin;
/// the full result ((L-1)*stride + (kernel-1)*dilation + 1 samples) loses PadBegin leading and
/// TrimEnd trailing samples (ONNX pads, output_padding and folded crops). It streams when
/// PadBegin is 0 and the output has exactly stride rows per input row.
/// </summary>
public sealed record ConvTransposeNode(
    string Name,
    string Input,
    string Output,
    int InChannels,
    int OutChannels,
    int KernelSize,
    int Stride,
    int Dilation,
    int PadBegin,
    int TrimEnd,
    float[] Weights,
    float[] Bias,
    Activation Activation)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => Activation.IsIdentity ? "ConvTranspose" : $"ConvTranspose+{Activation}";

    public float Weight(int o, int k, int c) => Weights[((o * KernelSize) + k) * InChannels + c];

    /// <summary>Rows of previous input a frame needs in front of its own rows.</summary>
    public int HistoryRows => ((KernelSize - 1) * Dilation) / Stride;

    public override long MacsPerFrame(IrGraph graph) =>
        (long)graph.Rows(Input) * OutChannels * KernelSize * InChannels;

    public override long Parameters => Weights.LongLength + Bias.LongLength;

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
