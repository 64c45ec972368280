using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// How far beyond its calibrated range an int16 activation reaches before it clamps (and the int16 curve input of a
/// nonlinearity on one). Calibration audio never covers every level a device will hear (full-scale DC, a clipped
/// shout); int16 has some 90 dB of resolution to spare, int8 has not, so only int16 ranges are widened. The default
/// is measured on the shipped model's level set (docs/precision-search.md): 12 dB leaves a clipped-noise peak
/// 1.5 dB below float, 15 dB keeps every loud peak within 1 dB and quiet background above 25 dB SNR, 18 dB costs
/// the -45 dBFS background 3 dB more.
/// </summary>
public readonly record struct Int16Headroom(double Db)
{
    public const double DefaultDb = 15.0;

    /// <summary>Accepted range: beyond 42 dB an int16 step is coarser than an int8 step over the calibrated range.</summary>
    public const double MaxDb = 42.0;

    public static Int16Headroom Default => new(DefaultDb);

    /// <summary>The factor the calibrated bounds are multiplied by.</summary>
    public double Factor => Math.Pow(10.0, Db / 20.0);

    /// <summary>The calibrated range [lo, hi] widened by the headroom.</summary>
    public (double Lo, double Hi) Widen(double lo, double hi) => (lo * Factor, hi * Factor);

    public override string ToString() => Db.ToString("0.###", CultureInfo.InvariantCulture) + " dB";

    /// <summary>Checks a headroom from the command line or dsl.json; errors name <paramref name="where"/> with <paramref name="code"/>.</summary>
    public static Int16Headroom Of(double db, DslErrorCode code, string where) =>
        double.IsFinite(db) && db >= 0 && db <= MaxDb
            ? new Int16Headroom(db)
            : throw new DslException(code, $"{where}: int16 headroom {db.ToString(CultureInfo.InvariantCulture)} dB must be a number of dB from 0 to {MaxDb} (how far beyond the calibrated range an int16 activation reaches before it clamps; default {DefaultDb})");

    public static Int16Headroom Parse(string text, DslErrorCode code, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double db)
            ? Of(db, code, where)
            : throw new DslException(code, $"{where}: '{text}' is not a number of dB (e.g. 15)");
}
