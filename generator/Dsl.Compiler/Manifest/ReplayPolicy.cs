namespace Dsl.Compiler.Manifest;

/// <summary>
/// How the heavy path catches up on a light -> heavy switch (dsl.json 'replay'). Both are exact: the heavy output
/// equals always-heavy running, because the heavy state depends only on the last R handoff frames.
/// </summary>
public enum ReplayPolicy
{
    /// <summary>Resume from the state the heavy path kept since its last frame, running the L light frames in
    /// between when L &lt;= R, else reset and replay R. A light run of L frames costs min(L, R) replayed frames
    /// instead of L heavy frames, so routing never costs more heavy frames than always-heavy. Needs the heavy
    /// state kept between heavy frames (no power-off of its RAM).</summary>
    Resume,

    /// <summary>Always reset and replay min(R, frames since reset): for a heavy core whose state is lost while it
    /// sleeps (RAM not retained). A light run shorter than R then costs more than running heavy through it.</summary>
    Reset,
}
