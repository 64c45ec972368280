using Dsl.Compiler.Golden;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Reference;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Validation;

/// <summary>
/// Where int8 (or int16) loses accuracy: runs the golden model (both paths on every frame) beside the float
/// reference and measures, for every node output, the SNR of the dequantized values.
/// </summary>
public static class LayerErrorProbe
{
    public sealed record LayerSnr(string Tensor, double SnrDb, double Scale);

    public static IReadOnlyList<LayerSnr> Run(CompiledModel m, short[] audio)
    {
        var golden = new GoldenModel(m.Program);
        var engine = new FloatEngine(m.Graph);
        var nodes = m.Graph.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var signal = new Dictionary<string, double>(StringComparer.Ordinal);
        var noise = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        var reference = new Dictionary<string, float[]>(StringComparer.Ordinal);

        void Observe(PathInterpreter path, Step step)
        {
            // A kernel followed by an int16 curve writes pre-activation values: the curve step writes the output.
            bool preActivation = nodes.TryGetValue(step.Node, out IrNode? writer) && m.Quantization.EndsInCurve(writer);
            BufferSlice? output = step switch
            {
                ConvStep c when !preActivation => c.Output,
                ConvTransposeStep u when !preActivation => u.Output,
                AddStep a when !preActivation => a.Output,
                MulStep x when !preActivation => x.Output,
                CurveStep c => c.Output,
                LutStep l => l.Output,
                _ => null,
            };
            if (output is null || !nodes.TryGetValue(step.Node, out IrNode? node))
            {
                return;
            }

            QuantParams q = m.Quantization.Of(node.Output);
            byte[] bytes = path.RegionBytes(output.Region);
            float[] f = reference[node.Output];
            if (!signal.ContainsKey(node.Output))
            {
                order.Add(node.Output);
                signal[node.Output] = 0;
                noise[node.Output] = 0;
            }

            for (int i = 0; i < f.Length; i++)
            {
                int v = q.ElementBytes == 1 ? (sbyte)bytes[output.Offset + i] : BitConverter.ToInt16(bytes, output.Offset + (2 * i));
                double e = q.Dequantize(v) - f[i];
                signal[node.Output] += (double)f[i] * f[i];
                noise[node.Output] += e * e;
            }
        }

        golden.Light.AfterStep = s => Observe(golden.Light, s);
        golden.Heavy.AfterStep = s => Observe(golden.Heavy, s);
        int n = m.Manifest.Frame;
        var scratch = new short[n];
        for (int at = 0; at + n <= audio.Length; at += n)
        {
            reference.Clear();
            reference[m.Graph.Input] = Pcm.ToFloat(audio, at, n);
            engine.RunFrame(reference);
            golden.LightProcess(audio[at..(at + n)], scratch);
            golden.HeavyProcess(golden.HandoffFrame(0), scratch);
        }

        return order.Select(t => new LayerSnr(t, 10 * Math.Log10(Math.Max(signal[t], 1e-20) / Math.Max(noise[t], 1e-20)), m.Quantization.Of(t).Scale)).ToList();
    }
}
