using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Audio;

/// <summary>Audio for a model to stream: a WAV at the model's rate that holds at least one whole frame
/// (a shorter clip would give no frame, so no output and no verdict).</summary>
public static class StreamedAudio
{
    public static short[] Read(string path, int sampleRate, int frame)
    {
        short[] pcm = WavFile.ReadMono16(path, sampleRate);
        if (pcm.Length < frame)
        {
            throw new DslException(DslErrorCode.Audio,
                $"{path}: holds {pcm.Length} sample(s), less than one frame of {frame} samples ({1000.0 * frame / sampleRate:G4} ms at {sampleRate} Hz); give a WAV of at least one frame");
        }

        return pcm;
    }
}
