namespace Dsl.Compiler.Tuning;

/// <summary>What a <see cref="TuneBudget"/> limits.</summary>
public enum BudgetKind
{
    /// <summary>Heavy-path instructions per second.</summary>
    InstructionsPerSecond,

    /// <summary>Mean load of a path core, % of its frame period.</summary>
    CorePercent,

    /// <summary>Average power of the board's path cores.</summary>
    Milliwatts,
}
