namespace Dsl.Compiler.Schedule;

/// <summary>On reset, a history buffer is filled with its tensor's zero point (the quantized 0.0).</summary>
public sealed record StateInit(string Node, int Offset, int Bytes, int ElementBytes, int ZeroPoint);
