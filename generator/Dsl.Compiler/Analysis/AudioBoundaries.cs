using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// What the int16 audio tensors (the input and the light and heavy outputs) may touch, checked on the float graph
/// so that <c>inspect</c> refuses what <c>generate</c> would, before any calibration: only a convolution reads the
/// audio input or writes an audio output (16x8 and 8x16 kernels; a fused final activation becomes an int16 curve);
/// everything else runs between int8 tensors.
/// </summary>
public static class AudioBoundaries
{
    public static void Check(IrGraph graph, DslManifest manifest)
    {
        if (manifest.LightOutputs.Count > 1 || manifest.HeavyOutputs.Count != 1)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: dslc emits one light and one heavy audio output; 'light.outputs' has {manifest.LightOutputs.Count} and 'heavy.outputs' {manifest.HeavyOutputs.Count}");
        }

        string switchTensor = graph.OutputTensor(manifest.SwitchOutput);
        if (graph.Tensor(switchTensor).Channels != 1 || graph.Rows(switchTensor) != 1)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: switch output '{manifest.SwitchOutput}' must be one value per frame ([1, 1, frames]); it has {graph.Tensor(switchTensor).Channels} channels and {graph.Rows(switchTensor)} steps per frame");
        }

        ClassHeadCheck.Check(graph, manifest);
        var audio = new HashSet<string>(manifest.AudioOutputs.Select(graph.OutputTensor), StringComparer.Ordinal) { graph.Input };
        foreach (IrNode node in graph.Nodes)
        {
            bool readsAudio = node.Inputs.Any(audio.Contains);
            bool writesAudio = audio.Contains(node.Output);
            if (!readsAudio && !writesAudio)
            {
                continue;
            }

            string? refusal = node switch
            {
                ConvNode when readsAudio && writesAudio => "reads the audio input and writes an audio output directly; put at least two layers between them",
                ConvNode => null,
                ChannelSliceNode => "slices int16 audio; slice int8 tensors only",
                ConcatNode => "concatenates int16 audio; concatenate int8 tensors only",
                ConvTransposeNode => "touches int16 audio; dslc supports transposed convolutions between int8 tensors only (end the decoder with a Conv)",
                ElementwiseNode => "touches int16 audio; elementwise ops must sit between int8 tensors",
                ActivationNode => "touches int16 audio; activations must sit between int8 tensors",
                _ => $"touches int16 audio; only convolutions read the audio input or write an audio output",
            };
            if (refusal is not null)
            {
                throw new DslException(DslErrorCode.Model, $"{manifest.ModelPath}: node '{node.Name}' ({node.Kind}) {refusal}");
            }
        }
    }
}
