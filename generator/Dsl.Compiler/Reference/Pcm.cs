namespace Dsl.Compiler.Reference;

/// <summary>int16 PCM to and from the float range [-1, 1) the model sees.</summary>
public static class Pcm
{
    public static float[] ToFloat(short[] samples, int offset, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = samples[offset + i] / 32768f;
        }

        return x;
    }

    public static short ToPcm(float x) =>
        (short)Math.Clamp(Math.Round(x * 32768.0, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
}
