namespace Dsl.Compiler.Manifest;

/// <summary>What the light path hands the heavy path each frame (dsl.json 'handoff').</summary>
public enum HandoffKind
{
    /// <summary>The tensors the heavy path reads from the shared layers (e.g. the encoder's embedding): the
    /// smallest handoff; the shared layers run once, in the light path's precision.</summary>
    Features,

    /// <summary>The input audio: the heavy path runs its own copy of the shared layers, so their precision is
    /// chosen for the heavy output (e.g. int16) without raising the always-on light path's cost; the handoff ring
    /// holds audio frames and the heavy path's replay covers the shared layers' receptive field too.</summary>
    Audio,
}
