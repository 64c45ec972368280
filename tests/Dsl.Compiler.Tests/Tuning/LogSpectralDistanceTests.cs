using System.Numerics;
using Dsl.Compiler.Tuning;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>The tuner's spectra: the FFT equals a direct DFT; a frame's distance to itself is 0 and to a copy at twice
/// the amplitude is 20 log10 2 dB in every bin above the power floor.</summary>
public sealed class LogSpectralDistanceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(512)]
    public void The_fft_equals_a_direct_dft(int n)
    {
        var random = new Random(n);
        double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] re = (double[])x.Clone(), im = new double[n];
        Fft.Transform(re, im);
        for (int k = 0; k < n; k++)
        {
            Complex sum = Complex.Zero;
            for (int t = 0; t < n; t++)
            {
                sum += x[t] * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * t / n);
            }

            Assert.Equal(sum.Real, re[k], 9);
            Assert.Equal(sum.Imaginary, im[k], 9);
        }
    }

    [Theory]
    [InlineData(320)]
    [InlineData(32)]
    [InlineData(40)]
    public void Distance_is_zero_to_itself_and_6_dB_to_twice_the_amplitude(int frame)
    {
        var lsd = new LogSpectralDistance(frame);
        var random = new Random(frame);
        short[] x = Enumerable.Range(0, frame).Select(_ => (short)random.Next(-8000, 8000)).ToArray();
        short[] twice = x.Select(v => (short)(2 * v)).ToArray();
        double[] a = lsd.LogPower(x), b = lsd.LogPower(twice);
        Assert.Equal(lsd.Bins, a.Length);
        Assert.Equal(0, LogSpectralDistance.Between(a, a));
        Assert.Equal(20 * Math.Log10(2), LogSpectralDistance.Between(a, b), 2);
    }

    [Fact]
    public void A_length_that_is_not_a_power_of_two_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Fft.Transform(new double[6], new double[6]));
    }
}
