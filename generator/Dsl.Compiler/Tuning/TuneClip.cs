using Dsl.Compiler.Golden;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tuning;

/// <summary>A clip's frames as the golden model computes them once, routing aside (<see cref="TuneFrame"/>).</summary>
public sealed record TuneClip(string Name, IReadOnlyList<TuneFrame> Frames)
{
    /// <summary>Runs <paramref name="pcm"/> through the golden model, heavy path on every frame
    /// (<see cref="GoldenModel.RunClip"/>), and the silence gate on its own for the frames' states.</summary>
    public static TuneClip Of(ModelProgram program, string name, short[] pcm, LogSpectralDistance lsd)
    {
        ArgumentNullException.ThrowIfNull(program);
        List<FrameRecord> records = new GoldenModel(program).RunClip(pcm, alwaysHeavy: true);
        // The gate reads only the input (no path state depends on it): a second copy gives the same states.
        SilenceGate? gate = program.Silence is null ? null : new SilenceGate(program.Silence);
        gate?.Reset();
        int n = program.FrameSamples;
        var frames = new List<TuneFrame>(records.Count);
        for (int f = 0; f < records.Count; f++)
        {
            short[] input = pcm[(f * n)..((f + 1) * n)];
            SilenceState state = gate?.Next(input) ?? SilenceState.Open;
            FrameRecord r = records[f];
            byte[] handoff = r.Handoff.Select(b => (byte)b).ToArray();
            frames.Add(new TuneFrame(r.SwitchScore, state, input, handoff, r.LightOut, r.HeavyOut, lsd));
        }

        return new TuneClip(name, frames);
    }
}
