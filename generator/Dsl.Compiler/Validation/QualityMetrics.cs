using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Validation;

/// <summary>How close the int8 model is to the float reference.</summary>
public static class QualityMetrics
{
    /// <summary>SNR (dB) of the always-heavy int8 output against the float heavy output, over a clip.</summary>
    public static double HeavyIntVsFloatSnr(CompiledModel m, short[] audio) => Measure(m, "clip", audio).SnrDb;

    /// <summary>
    /// The always-heavy int8 output against the float heavy output (frame f of the output against frame f of the
    /// reference, classed by the level of input frame f, <see cref="InputLevels"/>), and the clamps of every
    /// tensor of both paths over the clip (<see cref="SaturationBounds"/>). A classifier head: the clamps only, the SNR NaN
    /// and no levels.
    /// </summary>
    public static ClipQuality Measure(CompiledModel m, string clip, short[] audio)
    {
        var bounds = new SaturationBounds(m);
        ClampCounter counter = bounds.NewCounter();
        var model = new GoldenModel(m.Program) { Clamps = counter };
        List<FrameRecord> golden = model.RunClip(audio, alwaysHeavy: true);
        if (m.Program.Classes is not null)
        {
            // A classifier head has no audio to take an SNR of (ClassificationMetrics measures it); the clamps hold.
            return new ClipQuality(clip, golden.Count, double.NaN, [], bounds.Tensors(counter));
        }

        var engine = new FloatEngine(m.Graph);
        string heavy = m.Graph.OutputTensor(m.Manifest.HeavyOutputs[0]);
        int n = m.Manifest.Frame;
        InputLevel[] levels = Enum.GetValues<InputLevel>();
        var signal = new double[levels.Length];
        var noise = new double[levels.Length];
        var frames = new int[levels.Length];
        for (int f = 0; f < golden.Count; f++)
        {
            var tensors = new Dictionary<string, float[]> { [m.Graph.Input] = Pcm.ToFloat(audio, f * n, n) };
            engine.RunFrame(tensors);
            int level = (int)InputLevels.Of(audio, f * n, n);
            frames[level]++;
            for (int i = 0; i < n; i++)
            {
                double reference = tensors[heavy][i] * 32768.0;
                double error = golden[f].HeavyOut[i] - reference;
                signal[level] += reference * reference;
                noise[level] += error * error;
            }
        }

        var byLevel = levels.Select(l => new LevelSnr(l, frames[(int)l], frames[(int)l] == 0 ? null : Snr(signal[(int)l], noise[(int)l]))).ToList();
        return new ClipQuality(clip, golden.Count, Snr(signal.Sum(), noise.Sum()), byLevel, bounds.Tensors(counter));
    }

    /// <summary>SNR in dB of summed squared signal over summed squared error (both floored at 1e-12).</summary>
    public static double Snr(double signal, double noise) => 10 * Math.Log10(Math.Max(signal, 1e-12) / Math.Max(noise, 1e-12));
}
