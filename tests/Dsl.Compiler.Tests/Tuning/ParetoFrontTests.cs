using Dsl.Compiler.Tuning;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>The Pareto front (less load, more quality) on a hand-made point set: dominated points are off it, of two
/// identical points only the first is on it.</summary>
public sealed class ParetoFrontTests
{
    [Fact]
    public void Dominated_points_are_excluded_and_identical_points_marked_once()
    {
        (double, double)[] points =
        [
            (1, 1),   // 0 front: nothing at load <= 1 is better
            (2, 3),   // 1 front
            (2, 2),   // 2 off: same load as 1, worse
            (3, 3),   // 3 off: same quality as 1, more load
            (0.5, 0), // 4 front: the least load
            (2, 3),   // 5 off: identical to 1, which comes first
            (4, 5),   // 6 front
            (5, 4.9), // 7 off: more load and worse than 6
            (4, double.PositiveInfinity), // 8 front: identical to always-heavy beats any finite SNR at the same load
        ];
        bool[] front = ParetoFront.Mark(points);
        Assert.Equal([0, 1, 4, 8], Enumerable.Range(0, points.Length).Where(i => front[i]));
    }

    [Fact]
    public void Every_point_off_the_front_is_dominated_by_one_on_it()
    {
        var random = new Random(11);
        var points = Enumerable.Range(0, 300).Select(_ => (Math.Round(random.NextDouble() * 20), Math.Round(random.NextDouble() * 20))).ToList();
        bool[] front = ParetoFront.Mark(points);
        for (int i = 0; i < points.Count; i++)
        {
            (double load, double quality) = points[i];
            bool dominated = Enumerable.Range(0, points.Count).Any(j => j != i && points[j].Item1 <= load && points[j].Item2 >= quality
                && (points[j].Item1 < load || points[j].Item2 > quality || j < i));
            Assert.Equal(!dominated, front[i]);
        }
    }
}
