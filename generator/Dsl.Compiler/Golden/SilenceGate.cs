using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Golden;

/// <summary>
/// The silence gate of the golden model, the one C# copy of what the generated light path
/// (dsl_silent_s16, the silent-frame count) and m_silence_apply (dsl_fade_out_s16) do.
/// It only reads the input and rewrites outputs: no path state depends on it.
/// </summary>
public sealed class SilenceGate
{
    private readonly SilenceGateProgram program;
    private int silentFrames;

    public SilenceGate(SilenceGateProgram program) => this.program = program;

    /// <summary>Nothing sounded before the first frame: a clip that starts silent is zeros from its first
    /// sample (the closed state, without a fade: there was no output to fade).</summary>
    public void Reset() => silentFrames = program.QuietFrames + 1;

    /// <summary>The state of the frame whose input is <paramref name="input"/>.</summary>
    public SilenceState Next(ReadOnlySpan<short> input)
    {
        if (!IsSilent(input, program.Threshold))
        {
            silentFrames = 0;
        }
        else if (silentFrames <= program.QuietFrames)
        {
            silentFrames++; // saturates one past QuietFrames: enough to tell the fade frame from later ones
        }

        return silentFrames < program.QuietFrames ? SilenceState.Open
            : silentFrames == program.QuietFrames ? SilenceState.FadeOut
            : SilenceState.Closed;
    }

    /// <summary>dsl_silent_s16: every sample within [-threshold, threshold].</summary>
    public static bool IsSilent(ReadOnlySpan<short> x, int threshold)
    {
        foreach (short v in x)
        {
            if (v > threshold || v < -threshold)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>m_silence_apply: the frame's output as the gate leaves it.</summary>
    public static void Apply(SilenceState state, Span<short> output)
    {
        if (state == SilenceState.Closed)
        {
            output.Clear();
        }
        else if (state == SilenceState.FadeOut)
        {
            FadeOut(output);
        }
    }

    /// <summary>dsl_fade_out_s16: x[i] * (n - i) / n, truncated toward zero (as C99 int32 division).</summary>
    public static void FadeOut(Span<short> x)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            x[i] = (short)(x[i] * (n - i) / n);
        }
    }
}
