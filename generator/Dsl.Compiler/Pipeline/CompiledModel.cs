using Dsl.Compiler.Analysis;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Pipeline;

/// <summary>Everything one compilation produced, stage by stage (with the calibration ranges, so that
/// <see cref="ModelCompiler.Requantize"/> can choose another precision without calibrating again).</summary>
public sealed record CompiledModel(
    DslManifest Manifest,
    IrGraph Graph,
    Partition Partition,
    QuantizationPlan Quantization,
    ModelProgram Program,
    CalibrationRanges Ranges)
{
    /// <summary>How the int16 tensors were chosen and what they cost (precision.json); null when not decided by
    /// <see cref="ModelCompiler.Compile"/> (e.g. a model built by hand).</summary>
    public PrecisionChoice? Precision { get; init; }
}
