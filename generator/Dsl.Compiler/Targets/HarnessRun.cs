using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Targets;

/// <summary>A finished harness run: how it ended and, when it passed, the frame trace it wrote.</summary>
/// <param name="Run">Outcome and process output.</param>
/// <param name="TracePath">Where the trace was written.</param>
/// <param name="Trace">The parsed trace, or null when the run did not pass.</param>
/// <param name="Profile">The per-step profile of a profiling build that passed, else null.</param>
/// <param name="Routing">The routing log of a two-core run that passed, else null.</param>
public sealed record HarnessRun(RunResult Run, string TracePath, TraceFile? Trace, StepProfile? Profile = null, RoutingLog? Routing = null)
{
    /// <summary>The trace, or a <see cref="DslErrorCode.Toolchain"/> error saying how the run ended
    /// (HardFault, hang (timeout), exit code).</summary>
    public TraceFile TraceOrThrow() =>
        Trace ?? throw new DslException(DslErrorCode.Toolchain, Run.Describe());
}
