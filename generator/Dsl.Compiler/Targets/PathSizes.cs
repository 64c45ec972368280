using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>Section sizes attributable to each path (see <see cref="FirmwareBuilder.MeasurePathSizes"/>).</summary>
/// <param name="Light">The light path on its core.</param>
/// <param name="Heavy">The heavy path on its core.</param>
public sealed record PathSizes(SectionSizes Light, SectionSizes Heavy);
