using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Routing;
using Dsl.Compiler.Tests.Manifest;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Routing;

/// <summary>
/// Bounded replay K &lt; R (dsl.json 'replay_frames', --replay-frames): the router replays at most K frames and
/// routes the same frames heavy whatever K; resume never costs more heavy calls than always-heavy, fewer with a
/// smaller K; K = R emits the same C as no bound; K above R is refused; the emitted C with K &lt; R (inexact against
/// always-heavy) stays bit-exact with the golden model, on the host and on mps2-an386, with both rounding rules, and
/// on the two cores of mps2-an521.
/// </summary>
public sealed class BoundedReplayTests(ITestOutputHelper log) : IDisposable
{
    private readonly ITestOutputHelper log = log;

    private readonly string work = Directory.CreateTempSubdirectory("dsl-bounded-replay-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static long HeavyCalls(IEnumerable<RouteStep> steps) => steps.Sum(s => s.Heavy ? 1L + s.ReplayFrames : 0L);

    private static List<RouteStep> Route(ReplayPolicy policy, int hold, int k, IEnumerable<bool> triggers)
    {
        var router = new Router(hold, k, policy);
        return triggers.Select(router.Next).ToList();
    }

    [Theory]
    [InlineData(ReplayPolicy.Resume, 0, 12)]
    [InlineData(ReplayPolicy.Resume, 3, 15)]
    [InlineData(ReplayPolicy.Reset, 2, 12)]
    [InlineData(ReplayPolicy.Reset, 0, 5)]
    public void A_smaller_k_routes_the_same_frames_and_replays_no_more_frame_by_frame(ReplayPolicy policy, int hold, int r)
    {
        var random = new Random(hold * 1000 + r);
        int[] ks = [0, r / 4, r / 2, r - 1, r];
        for (int trial = 0; trial < 100; trial++)
        {
            double p = random.NextDouble();
            bool[] triggers = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < p).ToArray();
            List<List<RouteStep>> byK = ks.Select(k => Route(policy, hold, k, triggers)).ToList();
            for (int i = 0; i < ks.Length; i++)
            {
                List<RouteStep> s = byK[i];
                Assert.All(s, x => Assert.InRange(x.ReplayFrames, 0, ks[i]));
                Assert.Equal(byK[^1].Select(x => (x.Heavy, x.RestartHeavy)), s.Select(x => (x.Heavy, x.RestartHeavy)));
                if (policy == ReplayPolicy.Resume)
                {
                    Assert.True(HeavyCalls(s) <= triggers.Length, $"K = {ks[i]}: {HeavyCalls(s)} heavy calls for {triggers.Length} frames");
                }

                if (i > 0)
                {
                    for (int f = 0; f < triggers.Length; f++)
                    {
                        Assert.True(s[f].ReplayFrames >= byK[i - 1][f].ReplayFrames, $"frame {f}: K = {ks[i]} replays {s[f].ReplayFrames}, K = {ks[i - 1]} {byK[i - 1][f].ReplayFrames}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Resume_with_k_runs_light_runs_up_to_k_and_resets_after_longer_ones()
    {
        // K = 2 (of any R), no hold: heavy, 2 light, heavy (resume, 2), 3 light, heavy (reset, replay 2).
        bool[] triggers = [true, false, false, true, false, false, false, true];
        List<RouteStep> s = Route(ReplayPolicy.Resume, 0, 2, triggers);
        Assert.Equal(new RouteStep(true, true, 0, true), s[0]);
        Assert.Equal(new RouteStep(true, true, 2, false), s[3]);
        Assert.Equal(new RouteStep(true, true, 2, true), s[7]);
    }

    [Fact]
    public void K_above_r_is_refused_from_the_option_and_from_dsl_json_and_r_is_the_default()
    {
        DslManifest plain = DslManifestLoader.Load(Fixtures.TinyDsl);
        Assert.Null(plain.ReplayFrames);
        Assert.Equal(5, ReplayBound.Resolve(5, null, plain));
        Assert.Equal(3, ReplayBound.Resolve(5, 3, plain));
        Assert.Equal(0, ReplayBound.Resolve(5, 0, plain));
        var usage = Assert.Throws<DslException>(() => ReplayBound.Resolve(5, 6, plain));
        Assert.Equal(DslErrorCode.Usage, usage.Code);
        Assert.Contains("--replay-frames 6", usage.Message);
        Assert.Contains("R = 5", usage.Message);

        DslManifest bounded = TinyManifestVariant.Load("replay_frames", "7");
        Assert.Equal(7, bounded.ReplayFrames);
        Assert.Equal(4, ReplayBound.Resolve(9, 4, bounded)); // the option wins
        var manifest = Assert.Throws<DslException>(() => ReplayBound.Resolve(5, null, bounded));
        Assert.Equal(DslErrorCode.Manifest, manifest.Code);
        Assert.Contains("'replay_frames'", manifest.Message);
        Assert.Contains("R = 5", manifest.Message);

        var negative = Assert.Throws<DslException>(() => TinyManifestVariant.Load("replay_frames", "-1"));
        Assert.Equal(DslErrorCode.Manifest, negative.Code);
        Assert.Null(ReplayBound.Warning(5, 5));
        Assert.Contains("K = 2 of the R = 5", ReplayBound.Warning(2, 5));
    }

    [Fact]
    public void K_equal_to_r_emits_the_same_c_as_no_bound()
    {
        CompiledModel exact = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions());
        int r = exact.Program.ReceptiveFrames;
        CompiledModel withR = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions { ReplayFrames = r });
        Assert.True(exact.Program.ExactReplay);
        Assert.Equal(r, withR.Program.ReplayFrames);
        string a = Emit(exact, "exact"), b = Emit(withR, "with_r");
        foreach (string file in Directory.GetFiles(a, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".dslc-output", StringComparison.Ordinal)))
        {
            string other = Path.Combine(b, Path.GetRelativePath(a, file));
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(other)), $"{Path.GetRelativePath(a, file)} differs");
        }
    }

    public static TheoryData<string?, string, int> Targets() => new()
    {
        { null, "single", 0 },
        { null, "single", 1 },
        { null, "tflite", 1 },
        { "mps2-an386", "single", 1 },
        { "mps2-an386", "tflite", 0 },
        { "mps2-an521", "single", 1 }, // two cores: the handoff ring and the heavy core's replay use K
    };

    /// <summary>The tiny fixture (R = 2) with K &lt; R: its golden heavy output differs from always-heavy on some
    /// frame (the bound is real) and the emitted C matches the golden model on every frame.</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void Emitted_c_with_k_below_r_is_bit_exact_with_the_golden_model(string? boardName, string rounding, int k)
    {
        if (boardName is not null && !ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        CompiledModel m = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions { ReplayFrames = k, Rounding = CommandSupport.Rounding(rounding) });
        Assert.Equal(k, m.Program.ReplayFrames);
        Assert.True(m.Program.ReceptiveFrames > k, $"the fixture's R = {m.Program.ReceptiveFrames} leaves no room below it");
        short[] pcm = Dsl.Compiler.Audio.StreamedAudio.Read(Fixtures.TinyDslTestAudio, m.Manifest.SampleRate, m.Manifest.Frame);
        List<FrameRecord> routed = new GoldenModel(m.Program).RunClip(pcm);
        List<FrameRecord> always = new GoldenModel(m.Program).RunClip(pcm, alwaysHeavy: true);
        Assert.Contains(Enumerable.Range(0, routed.Count), f => routed[f].Route == 1 && !routed[f].HeavyOut.AsSpan().SequenceEqual(always[f].HeavyOut));

        BoardProfile? board = boardName is null ? null : BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        string emitted = Emit(m, $"{boardName ?? "host"}_{rounding}_{k}", board);
        string header = File.ReadAllText(Path.Combine(emitted, m.Program.Name + ".h"));
        string upper = m.Program.Name.ToUpperInvariant();
        Assert.Contains($"#define {upper}_REPLAY_FRAMES        {k} ", header);
        Assert.Contains($"#define {upper}_RECEPTIVE_FRAMES     {m.Program.ReceptiveFrames} ", header);
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(m, emitted, [Fixtures.TinyDslTestAudio], board, Path.Combine(work, $"build_{boardName ?? "host"}_{rounding}_{k}"));
        ValidationVerdict v = ValidationVerdict.Of(results);
        Assert.True(v.BitExact, v.FirstDifference);
        Assert.All(results[0].Trace, f => Assert.InRange(f.ReplayFrames, 0, k));
        Assert.Contains(results[0].Trace, f => f.Route == 1 && f.ReplayFrames == k && (k > 0 || f.Process.ReplayFrames == 0));
    }

    /// <summary>The shipped model's test audio with K = R, R/2, R/4 and 0 (resume), golden model: heavy calls per frame
    /// (replay included) and the heavy frames' SNR against always-heavy. K = R is exact; a smaller K never costs more.</summary>
    [Fact]
    [Trait("Category", "Model")]
    public void Shipped_model_heavy_calls_and_snr_per_k()
    {
        CompiledModel m = ModelCompiler.Compile(Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json"), new CompileOptions());
        int r = m.Program.ReceptiveFrames;
        int[] ks = [r, r / 2, r / 4, 0];
        var clips = ManifestFiles.Expand(m.Manifest, m.Manifest.TestPatterns, "test")
            .Select(c => Dsl.Compiler.Audio.StreamedAudio.Read(c, m.Manifest.SampleRate, m.Manifest.Frame)).ToList();
        var always = clips.Select(pcm => new GoldenModel(m.Program).RunClip(pcm, alwaysHeavy: true)).ToList();
        log.WriteLine($"shipped model, replay resume, {always.Sum(a => a.Count)} frames of {clips.Count} test clips, R = {r}");
        log.WriteLine("| K | heavy calls / frame | heavy frames differing | heavy-frame SNR vs always-heavy | routed SNR vs always-heavy |");
        double previousCalls = double.MaxValue;
        foreach (int k in ks)
        {
            var program = m.Program with { ReplayFrames = k };
            List<ReplayFidelity> per = clips.Select((pcm, i) => ReplayFidelity.Measure(program, pcm, always[i])).ToList();
            int frames = per.Sum(p => p.Frames), heavy = per.Sum(p => p.HeavyFrames), differing = per.Sum(p => p.DifferingHeavyFrames);
            double calls = (double)per.Sum(p => p.HeavyCalls) / frames;
            log.WriteLine(FormattableString.Invariant($"| {k} | {calls:F3} | {differing} of {heavy} | {Median(per.Select(p => p.HeavySnrDb)):F1} dB (clip median; worst {per.Min(p => p.HeavySnrDb):F1}) | {Median(per.Select(p => p.RoutedSnrDb)):F1} dB |"));
            Assert.True(calls <= 1, $"K = {k}: {calls:F3} heavy calls per frame, more than always-heavy");
            Assert.True(calls <= previousCalls + 1e-12, $"K = {k} costs more than a larger K");
            Assert.Equal(k == r, differing == 0);
            previousCalls = calls;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private string Emit(CompiledModel m, string name, BoardProfile? board = null)
    {
        string dir = Path.Combine(work, name, m.Program.Name);
        GenerateCommand.Generate(m, OutputFolder.Claim(dir, ModelInputs.None, "--work"), null,
            board is null ? PathVariants.Uniform(KernelVariant.Portable) : PathVariants.Of(board), _ => { }, layoutBoard: board);
        return dir;
    }
}
