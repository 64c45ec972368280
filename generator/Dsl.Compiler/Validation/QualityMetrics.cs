using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Validation;

/// <summary>How close the int8 model is to the float reference.</summary>
public static class QualityMetrics
{
    /// <summary>SNR (dB) of the always-heavy int8 output against the float heavy output, over a clip.</summary>
    public static double HeavyInt8VsFloatSnr(CompiledModel m, short[] audio)
    {
        List<FrameRecord> golden = new GoldenModel(m.Program).RunClip(audio, alwaysHeavy: true);
        var engine = new FloatEngine(m.Graph);
        string heavy = m.Graph.OutputTensor(m.Manifest.HeavyOutputs[0]);
        int n = m.Manifest.Frame;
        double signal = 0, noise = 0;
        for (int f = 0; f < golden.Count; f++)
        {
            var tensors = new Dictionary<string, float[]> { [m.Graph.Input] = Pcm.ToFloat(audio, f * n, n) };
            engine.RunFrame(tensors);
            for (int i = 0; i < n; i++)
            {
                double reference = tensors[heavy][i] * 32768.0;
                double error = golden[f].HeavyOut[i] - reference;
                signal += reference * reference;
                noise += error * error;
            }
        }

        return 10 * Math.Log10(Math.Max(signal, 1e-12) / Math.Max(noise, 1e-12));
    }
}
