namespace Dsl.Compiler.Reporting;

/// <summary>The heavy path of a two-core board against its routed latency (<see cref="HeavyBacklog"/>).</summary>
/// <param name="Frames">L: frames after its frame that a heavy output is due (the default
/// <c>&lt;M&gt;_ROUTED_LATENCY_FRAMES</c>, K + 1 with K the replay frames).</param>
/// <param name="ResponseFrames">The worst time from a frame to its heavy output, in frame periods at the deadline
/// budget.</param>
/// <param name="Proven">The response is a bound that holds on any input (replay "resume"), not only a measurement.</param>
/// <param name="Basis">Where <paramref name="ResponseFrames"/> comes from, for the report.</param>
public sealed record HeavyLatency(int Frames, double ResponseFrames, bool Proven, string Basis)
{
    public bool Met => ResponseFrames <= Frames;
}
