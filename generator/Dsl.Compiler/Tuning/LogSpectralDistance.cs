namespace Dsl.Compiler.Tuning;

/// <summary>
/// Log-spectral distance of one model frame, as the trainer measures it (models/dsl/metrics.py lsd_frames: Hann
/// window, power |X|^2 / n of the signal scaled to [-1, 1], floored at 1e-10, RMS over the bins of the dB difference),
/// with one window per model frame (zero-padded to a power of two) instead of 512-sample windows at a 160 hop, so that
/// a routed clip's distance is the mean of per-frame distances each route chooses between.
/// </summary>
public sealed class LogSpectralDistance
{
    private const double PowerFloor = 1e-10;
    private readonly int frame;
    private readonly int size;
    private readonly double[] window;

    public LogSpectralDistance(int frameSamples)
    {
        frame = frameSamples;
        size = 1;
        while (size < frameSamples)
        {
            size *= 2;
        }

        // np.hanning: symmetric, zero at both ends (a one-sample frame keeps its sample).
        window = Enumerable.Range(0, frameSamples)
            .Select(i => frameSamples == 1 ? 1.0 : 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / (frameSamples - 1))))
            .ToArray();
    }

    /// <summary>Bins of <see cref="LogPower"/>: size / 2 + 1.</summary>
    public int Bins => (size / 2) + 1;

    /// <summary>The frame's power spectrum in dB (floored), PCM int16 samples scaled by 1/32768.</summary>
    public double[] LogPower(ReadOnlySpan<short> samples)
    {
        var re = new double[size];
        var im = new double[size];
        for (int i = 0; i < frame; i++)
        {
            re[i] = samples[i] / 32768.0 * window[i];
        }

        Fft.Transform(re, im);
        var db = new double[Bins];
        for (int k = 0; k < db.Length; k++)
        {
            double power = ((re[k] * re[k]) + (im[k] * im[k])) / frame;
            db[k] = 10 * Math.Log10(power + PowerFloor);
        }

        return db;
    }

    /// <summary>RMS over the bins of the difference of two <see cref="LogPower"/> spectra, in dB.</summary>
    public static double Between(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double d = a[k] - b[k];
            sum += d * d;
        }

        return Math.Sqrt(sum / a.Length);
    }
}
