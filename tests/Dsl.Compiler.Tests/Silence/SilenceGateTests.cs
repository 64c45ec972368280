using Dsl.Cli.Commands;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Silence;

/// <summary>
/// The silence gate (docs/silence-gate.md) on the shipped model and the tiny fixture: digital silence in gives
/// exact zeros out; after sound the outputs stay the model's for the whole receptive field (the tail is not cut),
/// fade out over one frame, then are zeros; the first non-silent frame is the model's output again. The golden
/// model is compared with itself without the gate, the emitted C (host gcc) with the golden model bit for bit.
/// </summary>
[Trait("Category", "Model")]
public sealed class SilenceGateTests(ITestOutputHelper log) : IDisposable
{
    private static readonly Lazy<CompiledModel> Shipped = new(() => ModelCompiler.Compile(
        Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json"), new CompileOptions()));

    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private static readonly string Levels = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "levels");

    private readonly ITestOutputHelper log = log;

    private readonly string work = Directory.CreateTempSubdirectory("dsl-silence-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static CompiledModel Model(string which) => which == "shipped" ? Shipped.Value : Tiny.Value;

    /// <summary>Some sound of the model's own test audio (not silent in any frame at its start).</summary>
    private static short[] Sound(string which)
    {
        string clip = which == "shipped"
            ? Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "test", "speech_en_US_f_Allison_conf-adminmenu-18.wav")
            : Fixtures.TinyDslTestAudio;
        short[] all = WavFile.ReadMono16(clip, 16000);
        return all[..Math.Min(all.Length, 16000)];
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("tiny")]
    public void Digital_silence_in_gives_output_rms_below_minus_60_dBFS(string which)
    {
        CompiledModel m = Model(which);
        int quiet = m.Program.Silence!.QuietFrames;
        var silence = new short[Math.Max(3 * 16000, 4 * quiet * m.Program.FrameSamples)];

        List<FrameRecord> routed = new GoldenModel(m.Program).RunClip(silence);
        List<FrameRecord> always = new GoldenModel(m.Program).RunClip(silence, alwaysHeavy: true);
        List<FrameRecord> ungated = new GoldenModel(m.Program with { Silence = null }).RunClip(silence, alwaysHeavy: true);
        double routedDb = RmsDbfs(routed.Select(r => r.Process.Out));
        double alwaysDb = RmsDbfs(always.Select(r => r.HeavyOut));
        log.WriteLine($"{which}: digital silence out, golden: routed {routedDb:F1} dBFS, always-heavy {alwaysDb:F1} dBFS; " +
            $"without the gate always-heavy {RmsDbfs(ungated.Select(r => r.HeavyOut)):F1} dBFS");
        Assert.True(routedDb < -60, $"routed output {routedDb:F1} dBFS");
        Assert.True(alwaysDb < -60, $"always-heavy output {alwaysDb:F1} dBFS");

        IReadOnlyList<FrameRecord> c = ValidateOnHost(m, "silence", silence);
        double cDb = RmsDbfs(c.Select(r => r.Process.Out));
        log.WriteLine($"{which}: digital silence out, emitted C on host (m_process): {cDb:F1} dBFS");
        Assert.True(cDb < -60, $"C output {cDb:F1} dBFS");
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("tiny")]
    public void Silence_sound_silence_releases_at_once_keeps_the_tail_and_fades_out(string which)
    {
        CompiledModel m = Model(which);
        int n = m.Program.FrameSamples;
        int quiet = m.Program.Silence!.QuietFrames;
        short[] sound = Sound(which);
        // silence that ends mid-frame (the frame with the first sound sample is the model's), the sound, then
        // silence for the receptive field, the fade frame and more
        int lead = 3 * n + n / 2;
        short[] audio = [.. new short[lead], .. sound, .. new short[(quiet + 6) * n]];

        List<FrameRecord> gated = new GoldenModel(m.Program).RunClip(audio);
        List<FrameRecord> plain = new GoldenModel(m.Program with { Silence = null }).RunClip(audio);
        int first = lead / n;
        int last = (lead + sound.Length - 1) / n;
        for (int f = 0; f < gated.Count; f++)
        {
            short[] expected = f < first ? new short[n]
                : f < last + quiet ? plain[f].Process.Out
                : f == last + quiet ? Faded(plain[f].Process.Out)
                : new short[n];
            Assert.True(expected.AsSpan().SequenceEqual(gated[f].Process.Out), $"frame {f} (sound in frames {first}..{last}, {quiet} quiet frames)");
        }

        // the release frame and the tail carry output (the equalities above are not about zeros only)
        Assert.Contains(gated[first].Process.Out, s => s != 0);
        Assert.Contains(gated[last + quiet - 1].Process.Out, s => s != 0);

        IReadOnlyList<FrameRecord> c = ValidateOnHost(m, "silence_sound_silence", audio);
        Assert.Equal(gated.Count, c.Count);
        for (int f = 0; f < c.Count; f++)
        {
            Assert.Equal(gated[f].Process.Out, c[f].Process.Out);
        }
    }

    /// <summary>Heavy outputs are gated where they are routed: the tiny model with its switch always on (threshold
    /// at the int8 minimum), silence - sound - silence, on the host (m_heavy_process_routed, m_process) and, with
    /// QEMU, on the two emulated cores of mps2-an521 (m_light_core_routed gates the heavy core's output).</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("mps2-an521")]
    public void Routed_heavy_output_is_gated_on_one_and_two_cores(string? boardName)
    {
        if (boardName is not null && !ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        CompiledModel tiny = Tiny.Value;
        CompiledModel m = tiny with { Program = tiny.Program with { SwitchThreshold = -128 } };
        int n = m.Program.FrameSamples;
        int quiet = m.Program.Silence!.QuietFrames;
        short[] audio = [.. new short[2 * n], .. Sound("tiny")[..(8 * n)], .. new short[(quiet + 4) * n]];
        List<FrameRecord> golden = new GoldenModel(m.Program).RunClip(audio);
        Assert.All(golden, r => Assert.Equal(1, r.Route));
        Assert.All(golden[^3..], r => Assert.All(r.HeavyOut, s => Assert.Equal(0, s)));
        Assert.Contains(golden[^(4 + 1)].HeavyOut, s => s != 0); // the fade frame: the model's output ramped down

        BoardProfile? board = boardName is null ? null : BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        string dir = Path.Combine(work, "heavy_" + (boardName ?? "host"));
        Directory.CreateDirectory(dir);
        string wav = Path.Combine(dir, "sss.wav");
        WavFile.WriteMono16(wav, audio, 16000);
        string emitted = Path.Combine(dir, m.Program.Name);
        GenerateCommand.Generate(m, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null,
            board is null ? PathVariants.Uniform(KernelVariant.Portable) : PathVariants.Of(board), _ => { }, layoutBoard: board);
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(m, emitted, [wav], board, Path.Combine(dir, "build"));
        ValidationVerdict v = ValidationVerdict.Of(results);
        Assert.True(v.BitExact, v.FirstDifference);
        Assert.Equal(golden.Select(r => r.HeavyOut), results[0].Trace.Select(r => r.HeavyOut));
    }

    /// <summary>A -90 dBFS dither floor is not digital silence: with the default threshold (0 LSB) the gate stays
    /// open and the output is the model's; a threshold of 4 LSB (the dither's peak) closes it.</summary>
    [Fact]
    public void A_dither_floor_keeps_the_gate_open_unless_the_threshold_covers_it()
    {
        CompiledModel m = Shipped.Value;
        short[] dither = WavFile.ReadMono16(Path.Combine(Levels, "silence_dither_m90dbfs.wav"), 16000);
        List<FrameRecord> open = new GoldenModel(m.Program).RunClip(dither, alwaysHeavy: true);
        List<FrameRecord> plain = new GoldenModel(m.Program with { Silence = null }).RunClip(dither, alwaysHeavy: true);
        SilenceGateProgram covering = m.Program.Silence! with { Threshold = dither.Max(s => Math.Abs((int)s)) };
        List<FrameRecord> closed = new GoldenModel(m.Program with { Silence = covering }).RunClip(dither, alwaysHeavy: true);
        double openDb = RmsDbfs(open.Select(r => r.HeavyOut));
        log.WriteLine($"-90 dBFS dither in, always-heavy out: threshold 0: {openDb:F1} dBFS; threshold {covering.Threshold}: {RmsDbfs(closed.Select(r => r.HeavyOut)):F1} dBFS");
        for (int f = 0; f < open.Count; f++)
        {
            Assert.Equal(plain[f].HeavyOut, open[f].HeavyOut);
            Assert.All(closed[f].HeavyOut, s => Assert.Equal(0, s));
        }
    }

    private static short[] Faded(short[] x)
    {
        short[] y = [.. x];
        SilenceGate.FadeOut(y);
        return y;
    }

    /// <summary>Output RMS in dBFS over all frames (-inf for zeros).</summary>
    private static double RmsDbfs(IEnumerable<short[]> frames)
    {
        double sum = 0;
        long count = 0;
        foreach (short[] f in frames)
        {
            foreach (short s in f)
            {
                sum += (double)s * s;
            }

            count += f.Length;
        }

        return 20 * Math.Log10(Math.Sqrt(sum / count) / 32768.0);
    }

    /// <summary>Generates the model's C (host, portable kernels), runs <paramref name="audio"/> through it with the
    /// validation harness, asserts bit-exact against the golden model, returns the C's trace.</summary>
    private IReadOnlyList<FrameRecord> ValidateOnHost(CompiledModel m, string name, short[] audio)
    {
        string dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        string wav = Path.Combine(dir, name + ".wav");
        WavFile.WriteMono16(wav, audio, 16000);
        string emitted = Path.Combine(dir, m.Program.Name);
        GenerateCommand.Generate(m, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(m, emitted, [wav], null, Path.Combine(dir, "build"));
        ValidationVerdict v = ValidationVerdict.Of(results);
        Assert.True(v.BitExact, v.FirstDifference);
        return results[0].Trace;
    }
}
