namespace Dsl.Compiler.Toolchain;

/// <summary>One compile-and-link of C sources into an executable (host) or ELF (target).</summary>
/// <param name="Sources">C (or assembler) files.</param>
/// <param name="IncludeDirs">-I directories.</param>
/// <param name="Defines">-D definitions, e.g. <c>DSL_HARNESS_TARGET=1</c>.</param>
/// <param name="Flags">Compile flags (target flags, -O2, warnings).</param>
/// <param name="LinkFlags">Extra link flags (-T script, -nostartfiles, libraries).</param>
/// <param name="Output">Executable / ELF to write.</param>
public sealed record CompileRequest(
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> IncludeDirs,
    IReadOnlyList<string> Defines,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> LinkFlags,
    string Output);
