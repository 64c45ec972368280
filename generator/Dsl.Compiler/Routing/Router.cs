namespace Dsl.Compiler.Routing;

/// <summary>
/// The routing rule of design.md, shared by the golden model and the float reference: a frame is
/// heavy while the switch triggers, held for <c>hold</c> frames after the last trigger; on a
/// light-to-heavy switch the heavy path replays min(R, frames seen before) handoff frames.
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
    public (bool Heavy, int ReplayFrames) Next(bool triggered)
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

        int replay = heavy && !previousHeavy ? (int)Math.Min(replayFrames, frames) : 0;
        previousHeavy = heavy;
        frames++;
        return (heavy, replay);
    }
}
