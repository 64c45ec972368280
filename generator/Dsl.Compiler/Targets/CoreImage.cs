using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>A linked image of one core's path(s) and its section sizes.</summary>
/// <param name="Core">Core id.</param>
/// <param name="Role"><c>light</c>, <c>heavy</c> or <c>light+heavy</c>.</param>
/// <param name="Elf">The ELF (empty when it was built in a temporary folder and removed).</param>
/// <param name="Sizes">arm-none-eabi-size of the ELF (startup and main stub included).</param>
public sealed record CoreImage(string Core, string Role, string Elf, SectionSizes Sizes);
