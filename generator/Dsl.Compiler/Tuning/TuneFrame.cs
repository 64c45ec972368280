using Dsl.Compiler.Golden;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// One frame of a clip as the golden model computes it whatever the routing: the switch score, the silence gate's
/// state, the handoff, the light output and the always-heavy output (both through the gate), and what each of the two
/// outputs scores (<see cref="OutputScore"/>): the routed output of an exact replay policy is one of them.
/// </summary>
public sealed class TuneFrame
{
    private readonly double[] heavySpectrum;
    private readonly double[] inputSpectrum;

    public TuneFrame(int score, SilenceState silence, short[] input, byte[] handoff, short[] light, short[] heavy, LogSpectralDistance lsd)
    {
        ArgumentNullException.ThrowIfNull(lsd);
        Score = score;
        Silence = silence;
        Input = input;
        Handoff = handoff;
        Light = light;
        Heavy = heavy;
        heavySpectrum = lsd.LogPower(heavy);
        inputSpectrum = lsd.LogPower(input);
        HeavyEnergy = Energy(heavy);
        InputEnergy = Energy(input);
        LightScore = ScoreOf(light, lsd);
        HeavyScore = ScoreOf(heavy, lsd);
    }

    /// <summary>The int8 switch score.</summary>
    public int Score { get; }

    public SilenceState Silence { get; }

    public short[] Input { get; }

    /// <summary>The handoff frame the light path wrote (what a replay feeds the heavy path).</summary>
    public byte[] Handoff { get; }

    public short[] Light { get; }

    /// <summary>The always-heavy output.</summary>
    public short[] Heavy { get; }

    /// <summary>Sum of squares of the always-heavy output: the signal of the SNR against it.</summary>
    public double HeavyEnergy { get; }

    /// <summary>Sum of squares of the input: the signal of the SNR against the input.</summary>
    public double InputEnergy { get; }

    /// <summary>The frame routed light.</summary>
    public OutputScore LightScore { get; }

    /// <summary>The frame routed heavy with an exact replay: the always-heavy output.</summary>
    public OutputScore HeavyScore { get; }

    /// <summary>What <paramref name="output"/> (this frame's routed output) scores.</summary>
    public OutputScore ScoreOf(short[] output, LogSpectralDistance lsd)
    {
        ArgumentNullException.ThrowIfNull(lsd);
        double[] spectrum = lsd.LogPower(output);
        return new OutputScore(ErrorEnergy(output, Heavy), ErrorEnergy(output, Input),
            LogSpectralDistance.Between(spectrum, heavySpectrum), LogSpectralDistance.Between(spectrum, inputSpectrum));
    }

    private static double Energy(short[] x)
    {
        double sum = 0;
        foreach (short v in x)
        {
            sum += (double)v * v;
        }

        return sum;
    }

    private static double ErrorEnergy(short[] x, short[] reference)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - reference[i];
            sum += d * d;
        }

        return sum;
    }
}
