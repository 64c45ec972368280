using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>Result of <see cref="BoardGenerator.Generate"/>.</summary>
/// <param name="Glue">The glue files written.</param>
/// <param name="Images">Per-core link-check sizes, or empty when the link check was skipped.</param>
/// <param name="LinkCheckSkippedBecause">Why the link check did not run (the caller disabled it), or null.</param>
public sealed record BoardGeneration(GlueOutput Glue, IReadOnlyList<CoreImage> Images, string? LinkCheckSkippedBecause);
