using Dsl.Compiler.Golden;
using Dsl.Compiler.Routing;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// Routes the clips' frames (<see cref="TuneClip"/>, computed once) under one setting at a time. With exact replay
/// (R frames, resume or reset) a heavy frame's output is the always-heavy output (tests/Routing/ReplayPolicyTests), so
/// the routed output is a per-frame choice between two outputs already scored: no model run. With a bounded replay
/// (K &lt; R) the heavy path really runs, from its reset state, through <see cref="Router.RunHeavy"/> on the clip's
/// handoffs, as the generated C would.
/// </summary>
public sealed class RoutingSweep
{
    private readonly ModelProgram program;
    private readonly LogSpectralDistance lsd;

    public RoutingSweep(ModelProgram program, IReadOnlyList<TuneClip> clips, LogSpectralDistance lsd)
    {
        this.program = program;
        Clips = clips;
        this.lsd = lsd;
    }

    public IReadOnlyList<TuneClip> Clips { get; }

    /// <summary>Frames over all clips.</summary>
    public long Frames => Clips.Sum(c => (long)c.Frames.Count);

    /// <summary>Every int8 threshold that gives a different route: each distinct score seen (heavy from it up),
    /// ascending. A threshold between two seen scores routes as the next seen score above it.</summary>
    public IReadOnlyList<int> Thresholds() =>
        Clips.SelectMany(c => c.Frames).Select(f => f.Score).Distinct().Order().ToList();

    /// <summary>Routes every clip (each from a reset model) under <paramref name="setting"/>.</summary>
    /// <param name="what">Names the audio in the route profile's source.</param>
    public RoutedRun Run(RoutingSetting setting, string what)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var counts = new RouteCounts();
        var quality = new QualitySums();
        foreach (TuneClip clip in Clips)
        {
            Walk(clip, setting, (frame, step, heavyOut) =>
            {
                counts.Add(step);
                OutputScore score = !step.Heavy ? frame.LightScore
                    : setting.Exact ? frame.HeavyScore
                    : frame.ScoreOf(heavyOut!, lsd);
                quality.Add(frame, score);
            });
        }

        return new RoutedRun(setting, counts.Profile(what), quality.Figures());
    }

    /// <summary>The routed output of each frame of <paramref name="clip"/> (what m_process gives).</summary>
    public IReadOnlyList<short[]> RoutedOutput(TuneClip clip, RoutingSetting setting)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var outputs = new List<short[]>(clip.Frames.Count);
        Walk(clip, setting, (frame, step, heavyOut) => outputs.Add(step.Heavy ? heavyOut! : frame.Light));
        return outputs;
    }

    /// <summary>Visits each frame with its route and, on a heavy frame, its heavy output.</summary>
    private void Walk(TuneClip clip, RoutingSetting setting, Action<TuneFrame, RouteStep, short[]?> visit)
    {
        var router = new Router(setting.Hold, setting.ReplayFrames, setting.Policy);
        GoldenModel? heavy = setting.Exact ? null : new GoldenModel(program);
        heavy?.HeavyReset();
        var none = new byte[program.HandoffBytes];
        IReadOnlyList<TuneFrame> frames = clip.Frames;
        for (int f = 0; f < frames.Count; f++)
        {
            TuneFrame frame = frames[f];
            RouteStep step = router.Next(frame.Score >= setting.ThresholdQ);
            short[]? heavyOut = null;
            if (step.Heavy && heavy is null)
            {
                heavyOut = frame.Heavy;
            }
            else if (step.Heavy && heavy is not null)
            {
                heavyOut = new short[program.FrameSamples];
                int at = f;
                // Before the clip's first frame the handoff ring holds zeros (m_light_reset); no route reaches it.
                Router.RunHeavy(step, age => at - age >= 0 ? frames[at - age].Handoff : none, heavy.HeavyReset, heavy.HeavyProcess, heavyOut);
                SilenceGate.Apply(frame.Silence, heavyOut);
            }

            visit(frame, step, heavyOut);
        }
    }
}
