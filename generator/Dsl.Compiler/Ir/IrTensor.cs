namespace Dsl.Compiler.Ir;

/// <summary>
/// A streamed activation, time-major with channels contiguous. <see cref="TraceLength"/> is its
/// time length when the whole trace clip (<c>IrGraph.TraceFrames</c> frames) runs through the model;
/// once passes have removed pads and crops, every tensor holds a whole number of rows per frame.
/// </summary>
public sealed record IrTensor(string Name, int Channels, long TraceLength);
