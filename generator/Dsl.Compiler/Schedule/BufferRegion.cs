namespace Dsl.Compiler.Schedule;

/// <summary>Where a buffer slice lives at run time (in C: which base pointer).</summary>
public enum BufferRegion
{
    /// <summary>Per-path scratch, reused within a frame by liveness (<c>arena</c>).</summary>
    Arena,

    /// <summary>Per-path persistent state: streaming histories (<c>state</c>).</summary>
    State,

    /// <summary>The int16 PCM frame passed to the light path (<c>in</c>).</summary>
    Input,

    /// <summary>One frame of handoff tensors: written by the light path, read by the heavy path (<c>handoff</c>).</summary>
    Handoff,

    /// <summary>The caller's int16 output frame (<c>light_out</c> / <c>heavy_out</c>).</summary>
    Output,
}
