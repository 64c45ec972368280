namespace Dsl.Compiler.Tuning;

/// <summary>
/// The points --budget may pick, best first: within the budget, highest quality (SNR vs always-heavy), then least
/// heavy-path load, then sweep order. Exact and bounded replay alike (a bounded point is written as dsl.json's
/// replay_frames).
/// </summary>
public static class BudgetChoice
{
    public static IReadOnlyList<TunePoint> Ranked(IReadOnlyList<TunePoint> points, TuneBudget budget)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(budget);
        return points.Select((p, i) => (Point: p, Index: i))
            .Where(x => budget.Admits(x.Point))
            .OrderByDescending(x => x.Point.Quality.SnrVsHeavyDb)
            .ThenBy(x => x.Point.Load.HeavyInstructionsPerSecond)
            .ThenBy(x => x.Index)
            .Select(x => x.Point)
            .ToList();
    }
}
