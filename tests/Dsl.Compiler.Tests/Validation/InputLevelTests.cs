using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>The level split: frames classed by input RMS in dBFS (square waves, whose RMS is their amplitude),
/// and the per-level SNR of a clip whose quiet, normal and loud frames are known.</summary>
public sealed class InputLevelTests
{
    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private static short[] Square(int amplitude, int samples) =>
        Enumerable.Range(0, samples).Select(i => (short)((i / 4) % 2 == 0 ? amplitude : -amplitude)).ToArray();

    [Theory]
    [InlineData(0, InputLevel.Quiet)]       // digital silence: -infinity dBFS
    [InlineData(327, InputLevel.Quiet)]     // -40.02 dBFS
    [InlineData(328, InputLevel.Normal)]    // -39.98 dBFS
    [InlineData(8230, InputLevel.Normal)]   // -12.0003 dBFS
    [InlineData(8231, InputLevel.Loud)]     // -11.9993 dBFS
    [InlineData(32767, InputLevel.Loud)]    // 0 dBFS
    public void A_frame_is_classed_by_its_rms_in_dbfs(int amplitude, InputLevel expected)
    {
        short[] frame = Square(amplitude, 32);
        Assert.Equal(expected, InputLevels.Of(frame, 0, frame.Length));
    }

    [Fact]
    public void The_rms_is_relative_to_32768()
    {
        Assert.Equal(-6.0206, InputLevels.RmsDbfs(Square(16384, 64), 0, 64), 3);
        Assert.Equal(double.NegativeInfinity, InputLevels.RmsDbfs(new short[8], 0, 8));
    }

    [Fact]
    public void A_clip_reports_frame_counts_per_level_and_no_snr_for_a_level_without_frames()
    {
        int n = Tiny.Value.Manifest.Frame;
        // 7 silent, 5 normal (-20.8 dBFS), 3 loud (-6 dBFS) frames, interleaved.
        int[] pattern = [0, 0, 3000, 16384, 0, 3000, 0, 3000, 16384, 0, 0, 3000, 16384, 3000, 0];
        short[] clip = pattern.SelectMany(a => Square(a, n)).ToArray();
        ClipQuality q = QualityMetrics.Measure(Tiny.Value, "mixed", clip);
        Assert.Equal(15, q.Frames);
        Assert.Equal([InputLevel.Quiet, InputLevel.Normal, InputLevel.Loud], q.Levels.Select(l => l.Level));
        Assert.Equal([7, 5, 3], q.Levels.Select(l => l.Frames));
        Assert.All(q.Levels, l => Assert.NotNull(l.SnrDb));
        // The overall ratio is a weighted mean of the per-level ratios: it lies between them.
        Assert.InRange(q.SnrDb, q.Levels.Min(l => l.SnrDb!.Value) - 1e-9, q.Levels.Max(l => l.SnrDb!.Value) + 1e-9);

        ClipQuality noLoud = QualityMetrics.Measure(Tiny.Value, "no loud", clip[..(2 * n)].Concat(clip[(2 * n)..(3 * n)]).ToArray());
        Assert.Equal([2, 1, 0], noLoud.Levels.Select(l => l.Frames));
        Assert.Null(noLoud.Levels[2].SnrDb);
    }
}
