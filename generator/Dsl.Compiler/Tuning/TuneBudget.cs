using System.Globalization;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// dslc tune --budget: heavy-path instructions per second (<c>12M/s</c>, k/M/G suffixes), mean load of a core in %
/// of its frame period (<c>40%</c>: the board's heavy core; <c>40%:m7</c>: the named path core), or average power of
/// the board's path cores (<c>15mW</c>).
/// </summary>
/// <param name="Core">For <see cref="BudgetKind.CorePercent"/>: the named core; null for the board's heavy core.</param>
public sealed record TuneBudget(BudgetKind Kind, double Limit, string? Core, string Text)
{
    private const string Forms = "give instructions per second (e.g. 12M/s), a percent of the heavy core (40%) or of a named core (40%:m7), or milliwatts (15mW)";

    public static TuneBudget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.EndsWith("/s", StringComparison.Ordinal))
        {
            string number = t[..^2];
            double scale = number.Length == 0 ? 1 : char.ToUpperInvariant(number[^1]) switch
            {
                'K' => 1e3,
                'M' => 1e6,
                'G' => 1e9,
                _ => 1,
            };
            return new TuneBudget(BudgetKind.InstructionsPerSecond, Number(scale == 1 ? number : number[..^1], text) * scale, null, text);
        }

        if (t.EndsWith("mW", StringComparison.OrdinalIgnoreCase))
        {
            return new TuneBudget(BudgetKind.Milliwatts, Number(t[..^2], text), null, text);
        }

        int percent = t.IndexOf('%', StringComparison.Ordinal);
        if (percent > 0)
        {
            string rest = t[(percent + 1)..];
            if (rest.Length > 0 && (rest[0] != ':' || rest.Length == 1))
            {
                throw Bad(text, "after % comes nothing or :<core id>");
            }

            double value = Number(t[..percent], text);
            if (value > 100)
            {
                throw Bad(text, "a core cannot be loaded above 100 %");
            }

            return new TuneBudget(BudgetKind.CorePercent, value, rest.Length == 0 ? null : rest[1..], text);
        }

        throw Bad(text, "unknown unit");
    }

    /// <summary>Checks the budget against the board: a named core must be a path core, mW needs power figures.</summary>
    public void Check(BoardProfile board)
    {
        ArgumentNullException.ThrowIfNull(board);
        string[] path = board.IsSingleCore ? [board.LightCore] : [board.LightCore, board.HeavyCore];
        if (Kind == BudgetKind.CorePercent && Core is not null && !path.Contains(Core, StringComparer.Ordinal))
        {
            throw new DslException(DslErrorCode.Usage, $"--budget {Text}: board '{board.Name}' runs the model on core(s) {string.Join(", ", path)}, not '{Core}'");
        }

        if (Kind == BudgetKind.Milliwatts && path.Any(c => board.Core(c).Power is null))
        {
            throw new DslException(DslErrorCode.Usage, $"--budget {Text}: board '{board.Name}' has no power figures for core(s) {string.Join(", ", path.Where(c => board.Core(c).Power is null))}; give the budget in instructions per second or % of a core");
        }
    }

    /// <summary>The point's figure this budget limits.</summary>
    public double Measure(TunePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Kind switch
        {
            BudgetKind.InstructionsPerSecond => point.Load.HeavyInstructionsPerSecond,
            BudgetKind.Milliwatts => point.Load.RoutedMilliwatts ?? double.PositiveInfinity,
            _ when Core is null => point.Load.HeavyCorePercent,
            _ => point.Load.Cores.First(c => c.Core == Core).Percent,
        };
    }

    public bool Admits(TunePoint point) => Measure(point) <= Limit;

    /// <summary>The budget's figure with its unit, for messages.</summary>
    public string Format(double value) => Kind switch
    {
        BudgetKind.InstructionsPerSecond => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:0.###}M instructions/s"),
        BudgetKind.Milliwatts => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} mW"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}% of core {Core ?? "(heavy)"}"),
    };

    private static double Number(string text, string budget)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0)
        {
            throw Bad(budget, $"'{text}' is not a non-negative number");
        }

        return v;
    }

    private static DslException Bad(string text, string why) =>
        new(DslErrorCode.Usage, $"--budget '{text}': {why}; {Forms}");
}
