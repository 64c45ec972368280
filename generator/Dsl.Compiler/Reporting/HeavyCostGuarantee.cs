using System.Globalization;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Reporting;

/// <summary>
/// Routed heavy compute against always-heavy (one heavy call per frame), as report.md states it: with replay "resume"
/// the router never runs more heavy calls than frames on any input (a light run of L frames costs min(L, K) calls
/// instead of L), so the measured figure must be at most 1; with "reset" there is no such bound (each restart replays
/// min(K, frames seen), also after a light run shorter than K), so it is measured on the test audio and warned about
/// when it costs more than always-heavy.
/// </summary>
/// <param name="Routes">The routes measured on the test audio (null or <see cref="RouteProfile.Frames"/> 0: none).</param>
public sealed record HeavyCostGuarantee(ReplayPolicy Policy, int ReplayFrames, int ReceptiveFrames, RouteProfile? Routes)
{
    public static HeavyCostGuarantee Of(ModelProgram program, RouteProfile? routes)
    {
        ArgumentNullException.ThrowIfNull(program);
        var g = new HeavyCostGuarantee(program.Replay, program.ReplayFrames, program.ReceptiveFrames, routes);
        // The router's invariant, enforced: a resume route above always-heavy is a dslc bug, not a model property.
        if (program.Replay == ReplayPolicy.Resume && g.MeasuredRatio > 1 + 1e-9)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"replay resume measured {g.MeasuredRatio:F4} heavy calls per frame, above always-heavy: the router broke its invariant"));
        }

        return g;
    }

    /// <summary>Heavy calls per frame (replay included) over always-heavy's one, on the test audio; null when not measured.</summary>
    public double? MeasuredRatio => Routes is { Frames: > 0 } r ? r.MeanCalls : null;

    /// <summary>The one-line warning when reset routing costs more heavy calls than always-heavy on the test audio, else null.</summary>
    public string? Warning => Policy == ReplayPolicy.Reset && MeasuredRatio is { } x && x > 1
        ? string.Create(CultureInfo.InvariantCulture, $"replay \"reset\" costs {x:F3}x the heavy calls of always-heavy on the test audio (replay included: every restart replays up to K = {ReplayFrames} frames, also after short light runs); use \"replay\": \"resume\" in dsl.json when the heavy core keeps its RAM, or a longer switch hold")
        : null;

    /// <summary>The "Heavy compute against always-heavy" section of report.md.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new System.Text.StringBuilder();
        s.AppendLine();
        s.AppendLine("## Heavy compute against always-heavy");
        s.AppendLine();
        s.AppendLine(Policy == ReplayPolicy.Resume
            ? string.Create(c, $"Replay \"resume\": on any input the heavy path runs at most one call per frame, replay included (a light run of L frames costs min(L, K) calls instead of L, K = {ReplayFrames}): routing never costs more heavy compute than always-heavy. This is the router's invariant, checked on every measurement.")
            : string.Create(c, $"Replay \"reset\": every light -> heavy switch resets the heavy path and replays min(K, frames seen) frames (K = {ReplayFrames}), also after a light run shorter than K: routing can cost more heavy compute than always-heavy; \"resume\" cannot."));
        s.AppendLine(ReplayFrames >= ReceptiveFrames
            ? string.Create(c, $"Replay is exact (K = R = {ReceptiveFrames}): every heavy frame's output equals always-heavy running.")
            : string.Create(c, $"Bounded replay K = {ReplayFrames} < R = {ReceptiveFrames} (replay_frames): cheaper restarts, and the first heavy frames after a restart differ from always-heavy running."));
        if (MeasuredRatio is { } x)
        {
            s.AppendLine(string.Create(c, $"Measured: {x:F3} heavy calls per frame ({Routes!.HeavyShare:P1} of frames heavy, {Routes.RestartsPerFrame * 1000:0.#} restarts per 1000 frames), always-heavy 1; {Routes.Source}."));
        }
        else
        {
            s.AppendLine("Not measured: the model lists no test audio.");
        }

        if (Warning is { } w)
        {
            s.AppendLine();
            s.AppendLine("**Warning:** " + w + ".");
        }

        return s.ToString();
    }
}
