namespace Dsl.Compiler.Tuning;

/// <summary>The Pareto front of points with a load (less is better) and a quality (more is better).</summary>
public static class ParetoFront
{
    /// <summary>
    /// Which points are on the front: a point is off it when another has load &lt;= and quality &gt;= with one of
    /// them strict. Of points equal in both, only the first in list order is marked (one row per front point).
    /// </summary>
    public static bool[] Mark(IReadOnlyList<(double Load, double Quality)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var order = Enumerable.Range(0, points.Count)
            .OrderBy(i => points[i].Load)
            .ThenByDescending(i => points[i].Quality)
            .ThenBy(i => i)
            .ToList();
        var front = new bool[points.Count];
        double best = double.NegativeInfinity;
        foreach (int i in order)
        {
            // Sorted by load: a point is on the front when its quality beats every point with less or equal load.
            if (points[i].Quality > best)
            {
                front[i] = true;
                best = points[i].Quality;
            }
        }

        return front;
    }
}
