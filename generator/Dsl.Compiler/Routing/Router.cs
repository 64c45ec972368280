using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Routing;

/// <summary>
/// The routing rule of docs/architecture.md, the one C# copy of what the generated light path and m_model.c do,
/// shared by the golden model, the float reference and the tests: a frame is heavy while the switch
/// triggers, held for <c>hold</c> frames after the last trigger; a heavy frame after a light one (or at
/// the start) restarts the heavy path: with <see cref="ReplayPolicy.Resume"/> it runs the light frames since its
/// last heavy frame when there are at most R of them, else (and always with <see cref="ReplayPolicy.Reset"/>) it is
/// reset and replays min(R, frames seen before) handoff frames.
/// </summary>
public sealed class Router
{
    private readonly int hold;
    private readonly int replayFrames;
    private readonly ReplayPolicy policy;
    private int holdLeft;
    private bool previousHeavy;
    private long frames;
    private long sinceHeavy; // light frames since the last heavy frame; beyond R when none since reset

    public Router(int hold, int replayFrames, ReplayPolicy policy)
    {
        this.hold = hold;
        this.replayFrames = replayFrames;
        this.policy = policy;
        Reset();
    }

    public void Reset()
    {
        holdLeft = 0;
        previousHeavy = false;
        frames = 0;
        sinceHeavy = replayFrames + 1;
    }

    /// <summary>Routes the next frame.</summary>
    public RouteStep Next(bool triggered)
    {
        bool heavy;
        if (triggered)
        {
            holdLeft = hold;
            heavy = true;
        }
        else if (holdLeft > 0)
        {
            holdLeft--;
            heavy = true;
        }
        else
        {
            heavy = false;
        }

        bool restart = heavy && !previousHeavy;
        bool resume = restart && policy == ReplayPolicy.Resume && sinceHeavy <= replayFrames;
        int replay = !restart ? 0 : resume ? (int)sinceHeavy : (int)Math.Min(replayFrames, frames);
        previousHeavy = heavy;
        sinceHeavy = heavy ? 0 : Math.Min(sinceHeavy + 1, replayFrames + 1);
        frames++;
        return new RouteStep(heavy, restart, replay, restart && !resume);
    }

    /// <summary>
    /// The heavy side of a routed frame, as m_heavy_process_routed runs it: nothing on a light frame; on
    /// a heavy one that restarts the heavy path, reset it when the route says so and run the handoffs of ages
    /// ReplayFrames..1 (outputs dropped), then the frame itself (age 0) into <paramref name="heavyOut"/>.
    /// </summary>
    /// <typeparam name="THandoff">A handoff frame as the heavy path takes it.</typeparam>
    public static void RunHeavy<THandoff>(RouteStep route, Func<int, THandoff> handoffOfAge, Action resetHeavy,
        Action<THandoff, short[]> processHeavy, short[] heavyOut)
    {
        if (!route.Heavy)
        {
            return;
        }

        if (route.RestartHeavy)
        {
            if (route.ResetHeavy)
            {
                resetHeavy();
            }

            var replayed = new short[heavyOut.Length];
            for (int age = route.ReplayFrames; age >= 1; age--)
            {
                processHeavy(handoffOfAge(age), replayed);
            }
        }

        processHeavy(handoffOfAge(0), heavyOut);
    }
}
