using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Reporting;

namespace Dsl.Cli.Commands;

/// <summary>generate --board's real-time and energy estimate: the heavy share measured on the model's test audio
/// (golden light path), the per-kernel costs, and the board; a missed frame deadline warns, or with
/// --strict-deadline fails before anything is written.</summary>
public static class RealTimeCheck
{
    /// <summary>The routes of the model's test audio (golden light path), or null when it lists none.</summary>
    private static RouteProfile? TestAudioRoutes(CompiledModel model)
    {
        DslManifest manifest = model.Manifest;
        IReadOnlyList<string> clips = CommandSupport.TestAudio(manifest, Array.Empty<string>());
        return clips.Count == 0 ? null : RouteProfile.Measure(model.Program,
            clips.Select(c => StreamedAudio.Read(c, manifest.SampleRate, manifest.Frame)), $"the model's test audio ({clips.Count} clip(s))");
    }

    /// <param name="testRouting">The test audio already routed (<see cref="RoutingAudio"/>), else it is routed here.</param>
    public static RealTimeReport Run(CompiledModel model, BoardProfile board, bool strict, Action<string> info, RoutingTrace? testRouting = null)
    {
        DslManifest manifest = model.Manifest;
        RouteProfile routes = (testRouting is not null ? RouteProfile.Of(testRouting, model.Program.HoldFrames, model.Program.ReplayFrames) : TestAudioRoutes(model))
            ?? RouteProfile.Assumed(model.Program.HoldFrames, model.Program.ReplayFrames);
        KernelCostTable table = KernelCostTable.Shipped();
        CandidateCost cost = CandidateCost.Of(model.Program, table);
        RealTimeReport report = RealTimeReport.Build(board, cost.Instructions, routes, manifest.SampleRate, manifest.Frame, model.Program.ReplayFrames,
            model.Program.Replay)
            with { ProvisionalOps = CandidateCost.UnmeasuredOps(model.Program, table) };
        foreach (CoreLoad core in report.Cores)
        {
            info(FormattableString.Invariant($"{board.Name}/{core.Core} ({core.Paths}): mean load {core.MeanPercent:F1}%, p99 {core.P99Percent:F1}%, worst frame {core.WorstPercent:F1}% of {report.FrameMs:0.###} ms (estimate)"));
        }

        foreach (PathDeadline miss in report.Misses)
        {
            string line = miss.MissMessage(board.Name, report.DeadlineMs, board.Core(miss.Core).ClockHz);
            if (strict)
            {
                throw new DslException(DslErrorCode.Board, $"{line}; --strict-deadline");
            }

            Console.Error.WriteLine($"dslc: warning: {line}"); // not through info: -q never hides a warning
        }

        return report;
    }
}
