namespace Dsl.Compiler.Golden;

/// <summary>What the light path decides for a frame (m_decision_t).</summary>
public readonly record struct Decision(bool Heavy, int ReplayFrames, int SwitchScore);
