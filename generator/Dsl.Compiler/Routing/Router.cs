namespace Dsl.Compiler.Routing;

/// <summary>
/// The routing rule of design.md, the one C# copy of what the generated light path and m_model.c do,
/// shared by the golden model, the float reference and the tests: a frame is heavy while the switch
/// triggers, held for <c>hold</c> frames after the last trigger; a heavy frame after a light one (or at
/// the start) restarts the heavy path, which replays min(R, frames seen before) handoff frames.
/// </summary>
public sealed class Router
{
    private readonly int hold;
    private readonly int replayFrames;
    private int holdLeft;
    private bool previousHeavy;
    private long frames;

    public Router(int hold, int replayFrames)
    {
        this.hold = hold;
        this.replayFrames = replayFrames;
    }

    public void Reset()
    {
        holdLeft = 0;
        previousHeavy = false;
        frames = 0;
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
        int replay = restart ? (int)Math.Min(replayFrames, frames) : 0;
        previousHeavy = heavy;
        frames++;
        return new RouteStep(heavy, restart, replay);
    }

    /// <summary>
    /// The heavy side of a routed frame, as m_heavy_process_routed runs it: nothing on a light frame; on
    /// a heavy one reset and replay the handoffs of ages ReplayFrames..1 (outputs dropped) when the
    /// route restarts the heavy path, then the frame itself (age 0) into <paramref name="heavyOut"/>.
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
            resetHeavy();
            var replayed = new short[heavyOut.Length];
            for (int age = route.ReplayFrames; age >= 1; age--)
            {
                processHeavy(handoffOfAge(age), replayed);
            }
        }

        processHeavy(handoffOfAge(0), heavyOut);
    }
}
