using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Precision;

/// <summary>
/// What the precision search aims for: every audio output within <see cref="Db"/> dB SNR of the float model on the
/// evaluation audio, or <see cref="Off"/> (int8 everywhere, no search).
/// </summary>
public sealed record TargetSnr(double Db, bool Off)
{
    /// <summary>What compiles when neither the command line nor dsl.json chooses.</summary>
    public const double DefaultDb = 30.0;

    /// <summary>Targets dslc accepts: an SNR above 120 dB asks more than int16 audio holds.</summary>
    public const double MaxDb = 120.0;

    public static TargetSnr Default => new(DefaultDb, false);

    public static TargetSnr None => new(0, true);

    /// <summary>A target in dB; errors name <paramref name="where"/> with <paramref name="code"/>.</summary>
    public static TargetSnr Of(double db, DslErrorCode code, string where) =>
        double.IsFinite(db) && db >= -MaxDb && db <= MaxDb
            ? new TargetSnr(db, false)
            : throw new DslException(code, FormattableString.Invariant($"{where}: target SNR {db} dB must be a number from {-MaxDb} to {MaxDb} dB, or off"));

    /// <summary>Parses "30", "27.5" or "off".</summary>
    public static TargetSnr Parse(string text, DslErrorCode code, string where)
    {
        string t = text.Trim();
        if (string.Equals(t, "off", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double db)
            ? Of(db, code, where)
            : throw new DslException(code, $"{where}: '{text}' is not a target SNR; give dB (e.g. 30) or off");
    }

    public override string ToString() => Off ? "off" : Db.ToString("0.###", CultureInfo.InvariantCulture) + " dB";
}
