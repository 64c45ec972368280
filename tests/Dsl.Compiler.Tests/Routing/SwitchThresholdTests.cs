using System.Globalization;
using Dsl.Cli.Commands;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Routing;

/// <summary>
/// The run-time switch threshold (m_set_switch_threshold / m_switch_threshold, golden
/// <see cref="GoldenModel.SwitchThreshold"/>): the emitted C with the threshold changed every few frames is bit-exact
/// with the golden model doing the same; the setter really changes routing (above every score: no heavy frame once the
/// hold has run out; at the int8 minimum: every frame heavy); a light reset keeps the value set.
/// </summary>
public sealed class SwitchThresholdTests(ITestOutputHelper log) : IDisposable
{
    private static readonly Lazy<CompiledModel> Tiny = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private const int Segment = 7; // frames per threshold of the schedule

    private readonly ITestOutputHelper log = log;

    private readonly string work = Directory.CreateTempSubdirectory("dsl-threshold-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>The thresholds the schedule cycles through: the default, above every score, the int8 minimum (every
    /// frame triggers), and 10 either side of the default.</summary>
    private static int[] Schedule(int compiled) => [compiled, 128, -128, compiled - 10, compiled + 10];

    private static int ThresholdAt(int[] schedule, int frame) => schedule[frame / Segment % schedule.Length];

    [Fact]
    public void Emitted_c_with_the_threshold_changed_mid_clip_is_bit_exact_with_the_golden_model()
    {
        CompiledModel m = Tiny.Value;
        int[] schedule = Schedule(m.Program.SwitchThreshold);
        short[] pcm = StreamedAudio.Read(Fixtures.TinyDslTestAudio, m.Manifest.SampleRate, m.Manifest.Frame);
        var golden = new GoldenModel(m.Program);
        List<FrameRecord> expected = golden.RunClip(pcm, beforeFrame: f => golden.SwitchThreshold = ThresholdAt(schedule, f));

        string emitted = Path.Combine(work, m.Program.Name);
        GenerateCommand.Generate(m, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        string exe = BuildHarnessWithSchedule(ModelFolder.Load(emitted, m.Program.Name), schedule, m.Program.SwitchThreshold);
        string pcmPath = Path.Combine(work, "clip.pcm");
        var bytes = new byte[pcm.Length * 2];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(pcmPath, bytes);
        IReadOnlyList<FrameRecord> c = HarnessRunner.RunOnHost(exe, pcmPath, Path.Combine(work, "clip.trace")).TraceOrThrow().Frames;

        TraceComparison comparison = TraceComparison.Compare(expected, c, "threshold schedule on host");
        Assert.True(comparison.BitExact, comparison.FirstDifference);

        // The C itself follows the schedule: no heavy frame once 128 has held longer than the hold, all heavy at -128.
        int hold = m.Program.HoldFrames;
        int never = 0, always = 0;
        for (int f = 0; f < c.Count; f++)
        {
            int inSegment = f % Segment;
            if (ThresholdAt(schedule, f) == 128 && inSegment >= hold)
            {
                Assert.Equal(0, c[f].Route);
                never++;
            }
            else if (ThresholdAt(schedule, f) == -128)
            {
                Assert.Equal(1, c[f].Route);
                always++;
            }
        }

        Assert.True(never > 0 && always > 0);
        // and the default segments route both ways (the schedule's changes are visible against them)
        var byDefault = Enumerable.Range(0, c.Count).Where(f => ThresholdAt(schedule, f) == m.Program.SwitchThreshold).Select(f => c[f].Route).ToList();
        log.WriteLine($"{c.Count} frames: {c.Count(r => r.Route == 1)} heavy; at the default threshold {byDefault.Count(r => r == 1)} of {byDefault.Count} heavy");
        Assert.Contains(1, byDefault);
    }

    /// <summary>A threshold above every int8 score routes nothing heavy on the shipped model's test audio, the int8
    /// minimum routes everything, the compiled one some frames: the golden light path, clip by clip.</summary>
    [Fact]
    [Trait("Category", "Model")]
    public void The_threshold_changes_routing_on_the_shipped_model()
    {
        CompiledModel m = ModelCompiler.Compile(Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json"), new CompileOptions());
        var model = new GoldenModel(m.Program);
        long frames = 0;
        var heavy = new Dictionary<int, long> { [128] = 0, [m.Program.SwitchThreshold] = 0, [-128] = 0 };
        int n = m.Program.FrameSamples;
        var lightOut = new short[n];
        foreach (string clip in ManifestFiles.Expand(m.Manifest, m.Manifest.TestPatterns, "test").Take(4))
        {
            short[] pcm = WavFile.ReadMono16(clip, m.Manifest.SampleRate);
            foreach (int threshold in heavy.Keys)
            {
                model.SwitchThreshold = threshold;
                model.LightReset();
                for (int f = 0; f + n <= pcm.Length; f += n)
                {
                    heavy[threshold] += model.LightProcess(pcm[f..(f + n)], lightOut).Heavy ? 1 : 0;
                }
            }

            frames += pcm.Length / n;
        }

        log.WriteLine($"shipped model, {frames} frames: heavy at threshold 128: {heavy[128]}, at the compiled {m.Program.SwitchThreshold}: {heavy[m.Program.SwitchThreshold]}, at -128: {heavy[-128]}");
        Assert.Equal(0, heavy[128]);
        Assert.Equal(frames, heavy[-128]);
        Assert.InRange(heavy[m.Program.SwitchThreshold], 1, frames - 1);
    }

    [Fact]
    public void The_golden_threshold_starts_at_the_compiled_one_and_a_light_reset_keeps_the_value_set()
    {
        CompiledModel m = Tiny.Value;
        var model = new GoldenModel(m.Program);
        Assert.Equal(m.Program.SwitchThreshold, model.SwitchThreshold);
        model.SwitchThreshold = 17;
        model.LightReset();
        Assert.Equal(17, model.SwitchThreshold);
    }

    /// <summary>The host harness with a DSL_HARNESS_BEFORE_FRAME hook that sets the scheduled threshold before each
    /// frame, after checking that the getter returns the value set last (across the light reset between the
    /// harness's two passes too: exit code 99 otherwise).</summary>
    private string BuildHarnessWithSchedule(ModelFolder folder, int[] schedule, int compiled)
    {
        string hook = Path.Combine(work, "threshold_schedule.c");
        string values = string.Join(", ", schedule.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        File.WriteAllText(hook, $$"""
            #include <stdint.h>
            #include <stdlib.h>
            #include "dsl_model.h"

            void dsl_test_before_frame(int32_t frame);

            static const int32_t schedule[{{schedule.Length}}] = { {{values}} };
            static int32_t last = {{compiled}};

            void dsl_test_before_frame(int32_t frame)
            {
                const int32_t q = schedule[(frame / {{Segment}}) % {{schedule.Length}}];
                if (dsl_model_switch_threshold() != last) exit(99);
                dsl_model_set_switch_threshold(q);
                last = q;
            }

            """);
        RepoLayout repo = RepoLayout.Find();
        CoreBuildPlan plan = BuildPlanner.ForHost(folder, repo.HarnessDir);
        plan = plan with { Sources = [.. plan.Sources, hook], Defines = [.. plan.Defines, "DSL_HARNESS_BEFORE_FRAME=dsl_test_before_frame"] };
        return FirmwareBuilder.Build(plan, Path.Combine(work, plan.Name));
    }
}
