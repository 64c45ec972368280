namespace Dsl.Compiler.Targets;

/// <summary>What to compile for one core (or for the test firmware, or the host harness): one source of
/// truth for the emitted CMake / make glue and for dslc's own builds.</summary>
/// <param name="Name">Build name, a C identifier: <c>&lt;m&gt;_&lt;core&gt;</c>, <c>&lt;m&gt;_&lt;board&gt;_test</c>, <c>&lt;m&gt;_host_test</c>.</param>
/// <param name="Role">What it runs: <c>light</c>, <c>heavy</c>, <c>light+heavy</c> (single core) or <c>test firmware</c>.</param>
/// <param name="Compiler"><c>arm-none-eabi-gcc</c> or <c>gcc</c>.</param>
/// <param name="Sources">Absolute paths of the C files.</param>
/// <param name="IncludeDirs">Absolute include directories.</param>
/// <param name="Defines">Preprocessor definitions (NAME or NAME=value, value unquoted for the shell).</param>
/// <param name="CFlags">Compile flags (target flags first).</param>
/// <param name="LinkFlags">Link flags for a complete image (empty for a library).</param>
/// <param name="LinkerScriptDir">Directory with memory.ld (and for firmware dsl_target.ld), or null.</param>
/// <param name="IsExecutable">True for firmware / host programs, false for a static library of the model path.</param>
public sealed record CoreBuildPlan(
    string Name,
    string Role,
    string Compiler,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> IncludeDirs,
    IReadOnlyList<string> Defines,
    IReadOnlyList<string> CFlags,
    IReadOnlyList<string> LinkFlags,
    string? LinkerScriptDir,
    bool IsExecutable);
