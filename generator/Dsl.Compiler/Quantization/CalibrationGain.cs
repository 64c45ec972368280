using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Quantization;

/// <summary>Level-shifted copies of calibration audio: int16 samples scaled by a gain in dB, rounded and clipped as a recorder would.</summary>
public static class CalibrationGain
{
    /// <summary>Gains dslc accepts, in dB: quieter than -120 dB is silence for int16, louder than +40 dB is clipping alone.</summary>
    public const double MinDb = -120.0;

    public const double MaxDb = 40.0;

    public static short[] Apply(short[] samples, double gainDb)
    {
        if (gainDb == 0.0)
        {
            return samples;
        }

        double g = Math.Pow(10.0, gainDb / 20.0);
        var scaled = new short[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            scaled[i] = (short)Math.Clamp(Math.Round(samples[i] * g, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
        }

        return scaled;
    }

    /// <summary>Checks gains from the command line or dsl.json; errors name <paramref name="where"/> with <paramref name="code"/>.</summary>
    public static IReadOnlyList<double> Check(IReadOnlyList<double> gainsDb, DslErrorCode code, string where)
    {
        if (gainsDb.Count == 0)
        {
            throw new DslException(code, $"{where}: give at least one gain in dB (0 is the audio as it is), e.g. 0,-30");
        }

        foreach (double g in gainsDb)
        {
            if (!double.IsFinite(g) || g < MinDb || g > MaxDb)
            {
                throw new DslException(code, FormattableString.Invariant($"{where}: gain {g} dB is outside {MinDb} to {MaxDb} dB"));
            }
        }

        return gainsDb;
    }
}
