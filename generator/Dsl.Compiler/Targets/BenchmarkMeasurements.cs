namespace Dsl.Compiler.Targets;

/// <summary>Everything the benchmark table is computed from.</summary>
/// <param name="Model">Model name.</param>
/// <param name="SampleRate">Audio sample rate (Hz).</param>
/// <param name="FrameSamples">Samples per frame (hop).</param>
/// <param name="AudioSeconds">Length of the audio the counts come from.</param>
/// <param name="Paths">One entry per board and path.</param>
public sealed record BenchmarkMeasurements(
    string Model,
    int SampleRate,
    int FrameSamples,
    double AudioSeconds,
    IReadOnlyList<PathMeasurement> Paths)
{
    /// <summary>Frames per second of audio.</summary>
    public double FramesPerSecond => (double)SampleRate / FrameSamples;
}
