namespace Dsl.Compiler.Validation;

/// <summary>One audio clip run through the emitted C and the golden model.</summary>
public sealed record ClipValidation(string Clip, TraceComparison Comparison, IReadOnlyList<FrameRecord> Trace);
