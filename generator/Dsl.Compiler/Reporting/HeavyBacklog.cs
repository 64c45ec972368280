namespace Dsl.Compiler.Reporting;

/// <summary>
/// The heavy core of a two-core board as a queue: each frame's heavy calls (replay included) arrive when the light
/// core publishes the frame, the heavy core runs them in order at its deadline budget per frame period, and a heavy
/// frame's output is ready when its last call ends. The routed output of frame s is assembled L frames later
/// (<c>&lt;M&gt;_ROUTED_LATENCY_FRAMES</c>), so the heavy path is on time when every response fits in L frames: a
/// replay burst is spread over the frames that follow it instead of having to fit in one.
/// </summary>
public static class HeavyBacklog
{
    /// <summary>
    /// Worst response in frame periods, over clips each starting idle: for each heavy frame, the time from its
    /// arrival to the end of its own call, with <paramref name="callFrames"/> = one heavy call / the budget.
    /// </summary>
    /// <param name="callsPerFrame">Heavy calls of each frame of each clip (0 on a light frame).</param>
    public static double WorstResponseFrames(IEnumerable<IReadOnlyList<int>> callsPerFrame, double callFrames) =>
        WorstResponseFrames(callsPerFrame.Select(clip => (IReadOnlyList<double>)clip.Select(c => c * callFrames).ToArray()));

    /// <summary>Worst response in frame periods for measured work: each frame's heavy work in frame periods at the
    /// budget (0 on a light frame), per clip, each clip starting idle.</summary>
    public static double WorstResponseFrames(IEnumerable<IReadOnlyList<double>> workPerFrame)
    {
        double worst = 0;
        foreach (IReadOnlyList<double> clip in workPerFrame)
        {
            double busyUntil = 0;
            for (int t = 0; t < clip.Count; t++)
            {
                if (clip[t] == 0)
                {
                    continue;
                }

                busyUntil = Math.Max(busyUntil, t) + clip[t];
                worst = Math.Max(worst, busyUntil - t);
            }
        }

        return worst;
    }

    /// <summary>
    /// The bound that holds on any input with replay "resume" (the router's invariant): from the start of a busy
    /// period at frame a to a heavy frame t the heavy core has at most t - a + 1 frames plus the K = <paramref name="replayFrames"/> replayed
    /// ones before a to run (a replay covers light frames, each at most once), so with one call per frame fitting
    /// (<paramref name="callFrames"/> &lt;= 1) the response is at most (K + 1) x <paramref name="callFrames"/>.
    /// Null when a call does not fit a frame: the backlog then grows without bound under steady heavy input.
    /// </summary>
    public static double? ResumeBoundFrames(int replayFrames, double callFrames) =>
        callFrames <= 1 ? (replayFrames + 1) * callFrames : null;
}
