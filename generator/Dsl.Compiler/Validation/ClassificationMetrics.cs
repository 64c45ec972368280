using System.Globalization;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reference;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Validation;

/// <summary>
/// Classifier heads: the integer model's per-frame labels and scores against the float model's, in place of the SNR of
/// an audio output (docs/classifier-heads.md).
/// </summary>
public static class ClassificationMetrics
{
    public static ClipClassification Measure(CompiledModel m, string clip, short[] audio)
    {
        ClassHeadProgram head = m.Program.Classes ?? throw new ArgumentException("the model has no classifier head", nameof(m));
        // Routed: the integer gate and the float gate each decide; a gated frame's label is the negative class.
        List<FrameRecord> routed = new GoldenModel(m.Program).RunClip(audio);
        List<FloatRoutedRun.Frame> floatRouted = FloatRoutedRun.Run(m.Graph, m.Partition, m.Manifest, audio);
        // Always heavy: the head's quantization alone.
        List<FrameRecord> heavy = new GoldenModel(m.Program).RunClip(audio, alwaysHeavy: true);
        var engine = new FloatEngine(m.Graph);
        string scores = m.Graph.OutputTensor(head.Output);
        int n = m.Manifest.Frame;
        int frames = routed.Count;
        int agree = 0, heavyAgree = 0, gated = 0, floatGated = 0;
        double maxError = 0;
        for (int f = 0; f < frames; f++)
        {
            int intLabel = routed[f].Route == 1 ? ClassHeadProgram.ArgMax(Widen(routed[f].HeavyOut)) : head.NegativeIndex;
            int floatLabel = floatRouted[f].Heavy ? ArgMax(floatRouted[f].Output) : head.NegativeIndex;
            agree += intLabel == floatLabel ? 1 : 0;
            gated += routed[f].Route == 1 ? 0 : 1;
            floatGated += floatRouted[f].Heavy ? 0 : 1;

            var tensors = new Dictionary<string, float[]> { [m.Graph.Input] = Pcm.ToFloat(audio, f * n, n) };
            engine.RunFrame(tensors);
            float[] logits = tensors[scores];
            heavyAgree += ClassHeadProgram.ArgMax(Widen(heavy[f].HeavyOut)) == ArgMax(logits) ? 1 : 0;
            for (int c = 0; c < head.Count; c++)
            {
                double error = Math.Abs(head.Quant.Dequantize(heavy[f].HeavyOut[c]) - logits[c]) / head.Quant.Scale;
                maxError = Math.Max(maxError, error);
            }
        }

        double Share(int k) => frames == 0 ? 1 : (double)k / frames;
        return new ClipClassification(clip, frames, Share(agree), Share(heavyAgree), Share(gated), Share(floatGated), maxError);
    }

    /// <summary>The line validate prints (and --report keeps) for a clip.</summary>
    public static string Line(ClipClassification c) => string.Create(CultureInfo.InvariantCulture,
        $"classes, {c.Clip}: {c.Frames} frames, routed label agreement int vs float {100 * c.LabelAgreement:F1} %, always-heavy {100 * c.HeavyLabelAgreement:F1} %; gated {100 * c.GatedRate:F1} % (float {100 * c.FloatGatedRate:F1} %); max score error {c.MaxScoreErrorSteps:F2} quantization steps");

    /// <summary>The float argmax with the C rule: the first of equal maxima.</summary>
    public static int ArgMax(IReadOnlyList<float> logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Count; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int[] Widen(short[] scores) => scores.Select(s => (int)s).ToArray();
}
