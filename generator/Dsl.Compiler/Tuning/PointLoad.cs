namespace Dsl.Compiler.Tuning;

/// <summary>What a routing point costs on the board, from the real-time report's figures.</summary>
/// <param name="HeavyInstructionsPerSecond">Heavy-path instructions per second (replay included) in the kernel variant
/// of the board's heavy core: the Pareto front's load axis.</param>
/// <param name="HeavyCorePercent">Mean load of the board's heavy core, % of the frame period (with the light path too
/// when one core runs both).</param>
/// <param name="Cores">Mean load of every path core.</param>
/// <param name="RoutedMilliwatts">Average power of the path cores, routed; null when a path core has no power figures.</param>
public sealed record PointLoad(double HeavyInstructionsPerSecond, double HeavyCorePercent, IReadOnlyList<CorePercent> Cores, double? RoutedMilliwatts);
