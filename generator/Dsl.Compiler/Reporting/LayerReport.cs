using Dsl.Compiler.Analysis;

namespace Dsl.Compiler.Reporting;

/// <summary>One node of the compiled model: where it runs and what it costs. Specialised: its convolution
/// has code specialised to its shape (<see cref="Emit.ConvSpecialisation"/>) instead of the library kernel.
/// WeightLayout: how its weights are stored (<see cref="Emit.WeightLayoutPlan"/>: int8, or pairs4 for dsp).
/// OutputType: the element type of its output tensor (int8; int16 for a mixed-precision tensor; pcm16 for audio).</summary>
public sealed record LayerReport(
    string Node,
    string Kind,
    PathKind Path,
    string Output,
    int Channels,
    int RowsPerFrame,
    long MacsPerFrame,
    long Parameters,
    long WeightBytes,
    bool Specialised,
    string WeightLayout = "int8",
    string OutputType = "int8");
