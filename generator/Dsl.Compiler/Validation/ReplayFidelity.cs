using Dsl.Compiler.Golden;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Validation;

/// <summary>
/// What routing with bounded replay gives against always-heavy running, measured with the golden model on one clip:
/// heavy calls (replay included) per frame, the heavy frames whose output differs, the SNR of the heavy frames'
/// output (replay error alone: exact replay gives +inf) and of the whole routed output (light frames included).
/// </summary>
/// <param name="HeavyCalls">Heavy-path calls, replayed frames included (always-heavy: one per frame).</param>
public sealed record ReplayFidelity(int Frames, int HeavyFrames, long HeavyCalls, int DifferingHeavyFrames, double HeavySnrDb, double RoutedSnrDb)
{
    /// <param name="alwaysHeavy">The clip's always-heavy run when already at hand (it does not depend on K or the policy).</param>
    public static ReplayFidelity Measure(ModelProgram program, short[] pcm, IReadOnlyList<FrameRecord>? alwaysHeavy = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        List<FrameRecord> routed = new GoldenModel(program).RunClip(pcm);
        IReadOnlyList<FrameRecord> always = alwaysHeavy ?? new GoldenModel(program).RunClip(pcm, alwaysHeavy: true);
        double heavySignal = 0, heavyNoise = 0, signal = 0, noise = 0;
        int heavy = 0, differing = 0;
        long calls = 0;
        for (int f = 0; f < routed.Count; f++)
        {
            short[] reference = always[f].HeavyOut;
            short[] output = routed[f].Process.Out;
            double s = 0, e = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                double d = output[i] - reference[i];
                s += (double)reference[i] * reference[i];
                e += d * d;
            }

            signal += s;
            noise += e;
            if (routed[f].Route == 1)
            {
                heavy++;
                calls += 1 + routed[f].ReplayFrames;
                heavySignal += s;
                heavyNoise += e;
                differing += e > 0 ? 1 : 0;
            }
        }

        return new ReplayFidelity(routed.Count, heavy, calls, differing, Db(heavySignal, heavyNoise), Db(signal, noise));
    }

    /// <summary>Heavy calls per frame (always-heavy: 1).</summary>
    public double CallsPerFrame => Frames == 0 ? 0 : (double)HeavyCalls / Frames;

    // No error is +inf (printed "inf"), unlike QualityMetrics.Snr's floor: exact replay must read as exact.
    private static double Db(double signal, double noise) =>
        noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(Math.Max(signal, 1e-12) / noise);
}
