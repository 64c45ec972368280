using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Precision;

/// <summary>
/// The audio the precision search judges candidates on: the calibration audio (never the test clips) at every
/// calibration gain, so quiet copies count as much as the recorded level. When a gain's copy is longer than
/// <see cref="FrameBudget"/> frames, each clip keeps a contiguous middle part proportional to its length (at least
/// <see cref="MinFramesPerClip"/> frames): every clip, and with it every kind of sound and level, stays represented,
/// and the part is deterministic.
/// </summary>
public static class EvaluationAudio
{
    /// <summary>Frames per gain above which clips are shortened: what accepts a candidate.</summary>
    public const int FrameBudget = 64;

    /// <summary>Frames per gain of the cheaper audio that only ranks single tensors.</summary>
    public const int RankFrameBudget = 24;

    /// <summary>Frames a shortened clip keeps at least (the model's state settles within a few frames).</summary>
    public const int MinFramesPerClip = 8;

    /// <param name="clips">The calibration clips (name, samples), in calibration order.</param>
    /// <param name="gainsDb">The calibration gains; null or empty: the clips as they are.</param>
    /// <param name="frame">Samples per frame.</param>
    /// <param name="budget">Frames per gain before clips are shortened.</param>
    public static IReadOnlyList<EvaluationClip> From(IReadOnlyList<(string Name, short[] Pcm)> clips, IReadOnlyList<double>? gainsDb, int frame,
        int budget = FrameBudget)
    {
        long total = clips.Sum(c => (long)(c.Pcm.Length / frame));
        var parts = clips.Select(c =>
        {
            int frames = c.Pcm.Length / frame;
            int keep = total <= budget ? frames : (int)Math.Min(frames, Math.Max(MinFramesPerClip, (long)budget * frames / total));
            int start = (frames - keep) / 2;
            return (c.Name, Pcm: c.Pcm[(start * frame)..((start + keep) * frame)]);
        }).ToList();
        IReadOnlyList<double> gains = gainsDb is { Count: > 0 } ? gainsDb : [0.0];
        return gains.SelectMany(g => parts.Select(p => new EvaluationClip(p.Name, g, CalibrationGain.Apply(p.Pcm, g)))).ToList();
    }
}
