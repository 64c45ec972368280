using Dsl.Compiler.Audio;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Validation;

/// <summary>
/// The four targets of issue 10 on audio that calibration never saw (docs/silence-gate.md, "Level test set"):
/// speech SNR (the model's speech and tts test clips), background SNR at -30..-45 dBFS (levels/background_*),
/// digital silence out (levels/silence_*: the routed output of digital silence, and of the silence after sound
/// once the receptive field has passed) and loud peaks (levels/loud_*: the always-heavy output's peak against
/// the float model's). SNRs are <see cref="QualityMetrics"/>' (int vs float, always-heavy output).
/// </summary>
public static class LevelTargets
{
    /// <summary>Measures <paramref name="m"/> on its test clips and on <paramref name="levelsDir"/>'s level set.</summary>
    /// <returns>Per-clip figures first, then the four targets (names starting "target:").</returns>
    public static IReadOnlyList<LevelFigure> Measure(CompiledModel m, string levelsDir)
    {
        int rate = m.Manifest.SampleRate;
        var figures = new List<LevelFigure>();
        var speech = ManifestFiles.Expand(m.Manifest, m.Manifest.TestPatterns, "test")
            .Where(p => Path.GetFileName(p).StartsWith("speech", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("tts", StringComparison.Ordinal))
            .ToList();
        string[] Level(string prefix) => Directory.GetFiles(levelsDir, prefix + "*.wav").Order(StringComparer.Ordinal).ToArray();

        List<LevelFigure> Snrs(IEnumerable<string> clips, string what) => clips.Select(c =>
            new LevelFigure($"{what} SNR dB", QualityMetrics.Measure(m, Path.GetFileName(c), WavFile.ReadMono16(c, rate)).SnrDb, Path.GetFileName(c))).ToList();

        List<LevelFigure> speechSnr = Snrs(speech, "speech");
        List<LevelFigure> quietSpeechSnr = Snrs(Level("speech_quiet"), "quiet speech");
        List<LevelFigure> backgroundSnr = Snrs(Level("background"), "background");
        List<LevelFigure> silence = Level("silence_").Where(c => !c.Contains("dither", StringComparison.Ordinal))
            .Select(c => new LevelFigure("silence out dBFS", SilenceOutDbfs(m, WavFile.ReadMono16(c, rate)), Path.GetFileName(c))).ToList();
        List<LevelFigure> dither = Level("silence_dither")
            .Select(c => new LevelFigure("dither floor out dBFS (not digital silence)", SilenceOutDbfs(m, WavFile.ReadMono16(c, rate)), Path.GetFileName(c))).ToList();
        List<LevelFigure> loud = Level("loud").Select(c => new LevelFigure("loud peak int/float dB", PeakRatioDb(m, WavFile.ReadMono16(c, rate)), Path.GetFileName(c))).ToList();
        figures.AddRange([.. speechSnr, .. quietSpeechSnr, .. backgroundSnr, .. silence, .. dither, .. loud]);

        static LevelFigure Worst(string name, List<LevelFigure> of, Func<LevelFigure, double> badness) => of.Count == 0
            ? new LevelFigure(name, double.NaN, "no clips")
            : of.MaxBy(badness)! with { Name = name };
        figures.Add(Worst("target: speech >= 30 dB (worst clip)", speechSnr, f => -f.Value));
        figures.Add(Worst("target: background -30..-45 dBFS >= 25 dB (worst clip)", backgroundSnr, f => -f.Value));
        figures.Add(Worst("target: digital silence out <= -60 dBFS RMS (worst clip)", silence, f => f.Value));
        figures.Add(Worst("target: loud peaks within 1 dB of float (worst clip)", loud, f => Math.Abs(f.Value)));
        return figures;
    }

    /// <summary>RMS (dBFS) of the routed output (m_process) over the frames whose input is digital silence and
    /// that come at least the gate's quiet frames after the last sound (or after the start): what a listener
    /// hears of silence once the sound has had its tail. Without a gate: from the model's receptive field on.</summary>
    public static double SilenceOutDbfs(CompiledModel m, short[] audio)
    {
        int n = m.Program.FrameSamples;
        int quiet = m.Program.Silence?.QuietFrames ?? m.Program.ReplayFrames + 1;
        List<FrameRecord> routed = new GoldenModel(m.Program).RunClip(audio);
        double sum = 0;
        long count = 0;
        int sinceSound = int.MaxValue / 2; // nothing sounded before the start
        for (int f = 0; f < routed.Count; f++)
        {
            bool silent = audio.AsSpan(f * n, n).ToArray().All(s => s == 0);
            sinceSound = silent ? sinceSound + 1 : 0;
            if (silent && sinceSound > quiet)
            {
                foreach (short s in routed[f].Process.Out)
                {
                    sum += (double)s * s;
                }

                count += n;
            }
        }

        // A dither floor has no digital silence: then the whole clip counts (what the gate leaves of it).
        if (count == 0)
        {
            sum = routed.Sum(r => r.Process.Out.Sum(s => (double)s * s));
            count = (long)routed.Count * n;
        }

        return 20 * Math.Log10(Math.Sqrt(sum / count) / 32768.0);
    }

    /// <summary>20·log10 of the always-heavy int output's peak over the float model's (int16 units, the float
    /// output not clipped): below 0 when the int model loses peaks to clamping.</summary>
    public static double PeakRatioDb(CompiledModel m, short[] audio)
    {
        int n = m.Program.FrameSamples;
        List<FrameRecord> golden = new GoldenModel(m.Program).RunClip(audio, alwaysHeavy: true);
        var engine = new FloatEngine(m.Graph);
        string heavy = m.Graph.OutputTensor(m.Manifest.HeavyOutputs[0]);
        double peakInt = 0, peakFloat = 0;
        for (int f = 0; f < golden.Count; f++)
        {
            var tensors = new Dictionary<string, float[]> { [m.Graph.Input] = Pcm.ToFloat(audio, f * n, n) };
            engine.RunFrame(tensors);
            for (int i = 0; i < n; i++)
            {
                peakFloat = Math.Max(peakFloat, Math.Abs(tensors[heavy][i] * 32768.0));
                peakInt = Math.Max(peakInt, Math.Abs((double)golden[f].HeavyOut[i]));
            }
        }

        return 20 * Math.Log10(Math.Max(peakInt, 1e-9) / Math.Max(peakFloat, 1e-9));
    }
}
