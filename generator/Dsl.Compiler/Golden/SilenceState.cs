namespace Dsl.Compiler.Golden;

/// <summary>What the silence gate does to a frame's outputs (m_decision_t.silence, docs/silence-gate.md).</summary>
public enum SilenceState
{
    /// <summary>Sound inside the receptive field: the outputs as the model computes them.</summary>
    Open = 0,

    /// <summary>The first frame whose receptive field is all silence: its outputs ramp linearly down to 0.</summary>
    FadeOut = 1,

    /// <summary>Silence in for longer: the outputs are zeros.</summary>
    Closed = 2,
}
