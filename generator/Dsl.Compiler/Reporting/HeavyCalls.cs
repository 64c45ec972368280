namespace Dsl.Compiler.Reporting;

/// <summary>The share of frames on which the heavy path is called <paramref name="Calls"/> times: 0 on a light
/// frame, 1 on a steady heavy frame, 1 + replayed frames on the frame that restarts it.</summary>
public sealed record HeavyCalls(int Calls, double Share);
