using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Dsl.Compiler.Boards;

/// <summary>The power figures of a core (<c>power:</c>) and the board's frame budget: parsed here, next to the
/// rest of the profile, with the same located messages.</summary>
public static partial class BoardProfileLoader
{
    private static readonly string[] PowerKeys =
        ["active_mw", "active_ma", "active_ua_per_mhz", "sleep_mw", "sleep_ma", "sleep_ua", "supply_v", "covers", "source", "estimate"];

    private static readonly string[] ActiveKeys = ["active_mw", "active_ma", "active_ua_per_mhz"];

    private static readonly string[] SleepKeys = ["sleep_mw", "sleep_ma", "sleep_ua"];

    /// <summary>One active and one sleep figure, each as power (mW) or current (mA, uA, uA per MHz of the core's
    /// clock) times <c>supply_v</c>; <c>covers</c> and <c>source</c> say what they are and where they come from.</summary>
    private static CorePower ParsePower(Ctx ctx, YamlNode node, string field, long clockHz)
    {
        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "must be a mapping: active_mw | active_ma | active_ua_per_mhz, sleep_mw | sleep_ma | sleep_ua, supply_v (with a current), covers, source, optional estimate");
        }

        ctx.CheckKeys(m, field, PowerKeys);
        string active = OnlyOne(ctx, m, field, ActiveKeys, "the active figure");
        string sleep = OnlyOne(ctx, m, field, SleepKeys, "the sleep figure");
        double? supply = null;
        if (ctx.Value(m, "supply_v") is not null)
        {
            supply = Positive(ctx, m, field, "supply_v");
            if (supply > 12)
            {
                throw ctx.Error(ctx.Value(m, "supply_v")!, field + ".supply_v", $"{supply.Value.ToString(CultureInfo.InvariantCulture)} V is not a microcontroller supply; give volts (e.g. 3.3)");
            }
        }

        double Milliwatts(string key, bool allowZero)
        {
            double value = allowZero ? NonNegative(ctx, m, field, key) : Positive(ctx, m, field, key);
            if (key.EndsWith("_mw", StringComparison.Ordinal))
            {
                return value;
            }

            double volts = supply ?? throw ctx.Error(ctx.Value(m, key)!, field + "." + key,
                "a current needs supply_v (the supply voltage the datasheet measures it at) to become power");
            return key switch
            {
                "active_ma" or "sleep_ma" => value * volts,
                "sleep_ua" => value * volts / 1000,
                _ => value * (clockHz / 1e6) * volts / 1000, // active_ua_per_mhz at the core's clock
            };
        }

        double activeMw = Milliwatts(active, allowZero: false);
        double sleepMw = Milliwatts(sleep, allowZero: true);
        if (sleepMw >= activeMw)
        {
            throw ctx.Error(ctx.Value(m, sleep)!, field + "." + sleep,
                $"sleep power ({sleepMw.ToString("G4", CultureInfo.InvariantCulture)} mW) must be below the active power ({activeMw.ToString("G4", CultureInfo.InvariantCulture)} mW)");
        }

        string covers = ctx.String(m, field, "covers");
        string source = ctx.String(m, field, "source");
        string? estimate = ctx.Value(m, "estimate") is null ? null : ctx.String(m, field, "estimate");
        return new CorePower(activeMw, sleepMw, covers, source, estimate);
    }

    private static int ParseFrameBudget(Ctx ctx, YamlMappingNode root)
    {
        if (ctx.Value(root, "frame_budget_percent") is not { } node)
        {
            return 100;
        }

        long percent = ctx.Integer(root, "", "frame_budget_percent");
        return percent is >= 1 and <= 100
            ? (int)percent
            : throw ctx.Error(node, "frame_budget_percent", $"{percent} is out of range; allowed 1..100 (the share of each frame the model may use)");
    }

    private static string OnlyOne(Ctx ctx, YamlMappingNode m, string field, string[] keys, string what)
    {
        var present = keys.Where(k => ctx.Value(m, k) is not null).ToList();
        return present.Count switch
        {
            1 => present[0],
            0 => throw ctx.Missing(m, field + "." + keys[0], $"{what}: one of {string.Join(", ", keys)}"),
            _ => throw ctx.Error(ctx.Value(m, present[1])!, field + "." + present[1], $"give {what} once: {string.Join(" and ", present)} are both set"),
        };
    }

    private static double Positive(Ctx ctx, YamlMappingNode m, string field, string key)
    {
        double v = NonNegative(ctx, m, field, key);
        return v > 0 ? v : throw ctx.Error(ctx.Value(m, key)!, field + "." + key, "must be greater than 0");
    }

    private static double NonNegative(Ctx ctx, YamlMappingNode m, string field, string key)
    {
        YamlNode v = ctx.Value(m, key)!;
        string? text = (v as YamlScalarNode)?.Value?.Replace("_", "", StringComparison.Ordinal);
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || !double.IsFinite(n))
        {
            throw ctx.Error(v, field + "." + key, $"'{(v as YamlScalarNode)?.Value}' is not a number; write e.g. 2.4 or 1e-3");
        }

        return n >= 0 ? n : throw ctx.Error(v, field + "." + key, "must not be negative");
    }
}
