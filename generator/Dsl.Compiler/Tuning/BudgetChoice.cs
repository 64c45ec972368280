namespace Dsl.Compiler.Tuning;

/// <summary>
/// The points --budget may pick, best first: within the budget, highest quality (SNR vs always-heavy), then least
/// heavy-path load, then sweep order. Exact replay only: dsl.json has no field for a bounded replay count yet, so a
/// bounded point could not be written (they stay in the table).
/// </summary>
public static class BudgetChoice
{
    public static IReadOnlyList<TunePoint> Ranked(IReadOnlyList<TunePoint> points, TuneBudget budget)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(budget);
        return points.Select((p, i) => (Point: p, Index: i))
            .Where(x => x.Point.Setting.Exact && budget.Admits(x.Point))
            .OrderByDescending(x => x.Point.Quality.SnrVsHeavyDb)
            .ThenBy(x => x.Point.Load.HeavyInstructionsPerSecond)
            .ThenBy(x => x.Index)
            .Select(x => x.Point)
            .ToList();
    }
}
