namespace Dsl.Compiler.Emit;

/// <summary>
/// The weight layout dsl_conv_transpose1d_s8 reads (dsl_kernels.h): phase-major. For each phase
/// p = 0 .. stride-1 a block [out][taps of p][in], the taps of p being those j with
/// j * dilation % stride == p, in descending j. Descending j reads the input rows ascending, so each
/// phase is a dense stride-1 convolution over a window of consecutive rows (one contiguous
/// taps * in int8 when dilation divides stride) and the kernel takes long dot products.
/// Emission only: the golden model and the steps keep the tap layout [out][kernel][in].
/// </summary>
public static class TransposedConvLayout
{
    /// <summary>The taps j of one phase in the order the kernel reads them (descending j).</summary>
    public static IReadOnlyList<int> PhaseTaps(int phase, int kernel, int stride, int dilation)
    {
        var taps = new List<int>();
        for (var j = kernel - 1; j >= 0; j--)
        {
            if (j * dilation % stride == phase)
                taps.Add(j);
        }

        return taps;
    }

    /// <summary>Tap-layout weights [out][kernel][in] re-laid phase-major; the same values, permuted.</summary>
    public static sbyte[] PhaseMajor(sbyte[] weights, int outChannels, int kernel, int inChannels, int stride, int dilation)
    {
        if (outChannels <= 0 || kernel <= 0 || inChannels <= 0 || stride <= 0 || dilation <= 0)
            throw new ArgumentException("transposed conv shape must be positive");
        if (weights.Length != outChannels * kernel * inChannels)
            throw new ArgumentException($"{weights.Length} weights for a {outChannels}x{kernel}x{inChannels} transposed conv");

        var result = new sbyte[weights.Length];
        var k = 0;
        for (var phase = 0; phase < stride; phase++)
        {
            var taps = PhaseTaps(phase, kernel, stride, dilation);
            for (var o = 0; o < outChannels; o++)
            {
                foreach (var j in taps)
                {
                    System.Array.Copy(weights, ((o * kernel) + j) * inChannels, result, k, inChannels);
                    k += inChannels;
                }
            }
        }

        return result;
    }
}
