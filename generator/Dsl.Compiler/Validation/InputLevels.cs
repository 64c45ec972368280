namespace Dsl.Compiler.Validation;

/// <summary>
/// Splits frames by input level: the RMS of the frame's int16 input samples in dBFS, 20·log10(RMS / 32768)
/// (0 dBFS: a full-scale square wave; a full-scale sine is -3.01 dBFS; digital silence is -infinity).
/// Quiet: below -40 dBFS; loud: above -12 dBFS; normal: from -40 to -12 dBFS inclusive.
/// </summary>
public static class InputLevels
{
    public const double QuietBelowDbfs = -40.0;
    public const double LoudAboveDbfs = -12.0;

    /// <summary>The RMS of <paramref name="count"/> samples from <paramref name="at"/> in dBFS (-infinity for silence).</summary>
    public static double RmsDbfs(short[] pcm, int at, int count)
    {
        double sum = 0;
        for (int i = at; i < at + count; i++)
        {
            sum += (double)pcm[i] * pcm[i];
        }

        return 10 * Math.Log10(sum / count / (32768.0 * 32768.0));
    }

    public static InputLevel Of(double rmsDbfs) =>
        rmsDbfs < QuietBelowDbfs ? InputLevel.Quiet : rmsDbfs > LoudAboveDbfs ? InputLevel.Loud : InputLevel.Normal;

    /// <summary>The class of the frame of <paramref name="count"/> samples at <paramref name="at"/>.</summary>
    public static InputLevel Of(short[] pcm, int at, int count) => Of(RmsDbfs(pcm, at, count));
}
