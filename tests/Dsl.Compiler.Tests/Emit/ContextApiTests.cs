using System.Text.RegularExpressions;
using Dsl.Cli.Commands;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The context API of the generated C (docs/generated-api.md, "Instances"): two <c>m_t</c> instances run
/// interleaved frame by frame on two different clips, and the static API (the default instance) on the first clip
/// in the same loop (tests/fixtures/context_api/two_instances.c, built with -Wall -Wextra -Werror). Every frame of
/// each run (decision and routed output) must equal the golden model run on that clip alone: any state shared
/// between instances, or between an instance and the default one, shows as a difference; the instances are filled
/// with garbage before init, so init must set everything a run reads.
/// </summary>
public sealed partial class ContextApiTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string ShippedDir = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s");

    private static readonly string Driver = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "context_api", "two_instances.c");

    private readonly ITestOutputHelper log = log;

    private readonly string work = Directory.CreateTempSubdirectory("dsl-context-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Two_tiny_instances_and_the_default_one_interleaved_are_each_bit_exact()
    {
        // The tiny fixture's two clips differ (test and calibration audio).
        string calibration = Path.Combine(Path.GetDirectoryName(Fixtures.TinyDsl)!, "calibration", "synth.wav");
        RunInterleaved(Fixtures.TinyDsl, Fixtures.TinyDslTestAudio, calibration);
    }

    [Fact]
    public void Two_classifier_head_instances_and_the_default_one_interleaved_are_each_bit_exact()
    {
        // tests/fixtures/tiny_gc: the routed output is the int8 class scores, the gated ones on light frames.
        string dir = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "tiny_gc");
        RunInterleaved(Fixtures.TinyGc, Path.Combine(dir, "test", "synth.wav"), Path.Combine(dir, "calibration", "synth.wav"));
    }

    [Fact]
    public void Two_shipped_model_instances_on_two_clips_and_the_default_one_are_each_bit_exact()
    {
        // Speech over music and French speech: both route both ways with replays (the music-only clips route one
        // way throughout); of different lengths, so instance b runs on alone after a ends.
        RunInterleaved(Path.Combine(ShippedDir, "dsl.json"),
            Path.Combine(ShippedDir, "test", "speech_music_mixm_en_US_f_Allison_vm-repeat_moh_reno_.wav"),
            Path.Combine(ShippedDir, "test", "speech_fr_CA_f_June_vm-rec-temp.wav"));
    }

    /// <summary>The placement macros reach every array: with the three section macros and a 16-byte alignment defined,
    /// every weights array named in m_weights.h is in the weights section at a 16-byte offset, and the default
    /// instance's arena and state arrays (light and heavy) are in theirs (host gcc, objdump symbol table).</summary>
    [Fact]
    public void Placement_macros_put_every_weights_array_and_the_default_arena_and_state_where_defined()
    {
        CompiledModel model = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions());
        string name = model.Program.Name, upper = name.ToUpperInvariant();
        string emitted = Path.Combine(work, name);
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        ModelFolder folder = ModelFolder.Load(emitted, name);
        string[] defines =
        [
            $"{upper}_WEIGHTS_SECTION=__attribute__((section(\".dsl_weights\")))",
            $"{upper}_ARENA_SECTION=__attribute__((section(\".dsl_arena\")))",
            $"{upper}_STATE_SECTION=__attribute__((section(\".dsl_state\")))",
            $"{upper}_WEIGHTS_ALIGN=__attribute__((aligned(16)))",
        ];
        var symbols = new List<(string Section, long Offset, string Name)>();
        foreach (string source in new[] { "_light.c", "_heavy.c", "_weights_light.c", "_weights_heavy.c" }.Select(f => Path.Combine(emitted, name + f)))
        {
            string obj = Path.Combine(work, Path.GetFileNameWithoutExtension(source) + ".o");
            GccCompiler.Host.Compile(new CompileRequest([source], folder.IncludeDirs(), defines, [.. BuildPlanner.CommonCFlags, "-Werror", "-c"], [], obj));
            ProcessResult table = ToolRunner.Run("objdump", ["-t", obj], TimeSpan.FromMinutes(1));
            Assert.True(table.Succeeded, table.StdErr);
            symbols.AddRange(table.StdOut.Split('\n').Select(l => ObjectSymbol().Match(l)).Where(m => m.Success)
                .Select(m => (m.Groups["section"].Value, Convert.ToInt64(m.Groups["offset"].Value, 16), m.Groups["name"].Value)));
        }

        string[] weights = [.. WeightsDeclaration().Matches(File.ReadAllText(Path.Combine(emitted, name + "_weights.h"))).Select(m => m.Groups[1].Value)];
        Assert.NotEmpty(weights);
        foreach (string w in weights)
        {
            var (section, offset, _) = Assert.Single(symbols, s => s.Name == w);
            Assert.True(section == ".dsl_weights" && offset % 16 == 0, $"{w}: in {section} at offset {offset}");
        }

        Assert.Equal(2, symbols.Count(s => s.Name == "default_arena" && s.Section == ".dsl_arena"));
        Assert.Equal(2, symbols.Count(s => s.Name == "default_state" && s.Section == ".dsl_state"));
    }

    [GeneratedRegex(@"^(?<offset>[0-9a-f]+)\s.*\sO\s(?<section>\S+)\s+[0-9a-f]+\s+(?<name>\w+)$")]
    private static partial Regex ObjectSymbol();

    [GeneratedRegex(@"extern const \w+ (\w+)\[")]
    private static partial Regex WeightsDeclaration();

    private void RunInterleaved(string manifest, string clipA, string clipB)
    {
        CompiledModel model = ModelCompiler.Compile(manifest, new CompileOptions());
        string name = model.Program.Name;
        string emitted = Path.Combine(work, name);
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        ModelFolder folder = ModelFolder.Load(emitted, name);
        string exe = Path.Combine(work, "two_instances");
        GccCompiler.Host.Compile(new CompileRequest(
            [Driver, .. folder.LightSources, .. folder.HeavySources, .. folder.SingleCoreSources, .. folder.RuntimeSources(KernelVariant.Portable)],
            folder.IncludeDirs(), [], [.. BuildPlanner.CommonCFlags, "-Werror"], [], exe));

        short[] a = Pcm(model, clipA, "a.pcm");
        short[] b = Pcm(model, clipB, "b.pcm");
        RunResult run = HostRunner.Run(exe,
            [Path.Combine(work, "a.pcm"), Path.Combine(work, "b.pcm"), Path.Combine(work, "out_a"), Path.Combine(work, "out_b"), Path.Combine(work, "out_static")],
            TimeSpan.FromMinutes(5));
        Assert.True(run.Outcome == QemuOutcome.Passed, run.Describe());

        int n = model.Program.HeavyOutValues;
        List<FrameRecord> goldenA = new GoldenModel(model.Program).RunClip(a);
        List<FrameRecord> goldenB = new GoldenModel(model.Program).RunClip(b);
        // The clips must exercise routing both ways and replay, or interleaving proves little.
        foreach (List<FrameRecord> g in new[] { goldenA, goldenB })
        {
            Assert.Contains(g, f => f.Route == 1);
            Assert.Contains(g, f => f.Route == 0);
            Assert.Contains(g, f => f.ReplayFrames > 0);
        }

        AssertFrames(goldenA, Read(Path.Combine(work, "out_a"), n), "instance a (context API)");
        AssertFrames(goldenB, Read(Path.Combine(work, "out_b"), n), "instance b (context API)");
        AssertFrames(goldenA, Read(Path.Combine(work, "out_static"), n), "default instance (static API)");
        log.WriteLine($"{name}: a {goldenA.Count} frames ({goldenA.Count(f => f.Route == 1)} heavy), b {goldenB.Count} frames ({goldenB.Count(f => f.Route == 1)} heavy): bit-exact");
    }

    private short[] Pcm(CompiledModel model, string clip, string file)
    {
        short[] pcm = StreamedAudio.Read(clip, model.Manifest.SampleRate, model.Manifest.Frame);
        var bytes = new byte[pcm.Length * 2];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(work, file), bytes);
        return pcm;
    }

    /// <summary>The driver's records: route, replay_frames, switch_score (int32), then the routed output's values as int16.</summary>
    private static List<ProcessRecord> Read(string path, int frameSamples)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int size = 12 + 2 * frameSamples;
        Assert.Equal(0, bytes.Length % size);
        var records = new List<ProcessRecord>();
        for (int at = 0; at < bytes.Length; at += size)
        {
            var samples = new short[frameSamples];
            Buffer.BlockCopy(bytes, at + 12, samples, 0, 2 * frameSamples);
            records.Add(new ProcessRecord(BitConverter.ToInt32(bytes, at), BitConverter.ToInt32(bytes, at + 4), BitConverter.ToInt32(bytes, at + 8), samples));
        }

        return records;
    }

    private static void AssertFrames(List<FrameRecord> golden, List<ProcessRecord> c, string what)
    {
        Assert.True(golden.Count == c.Count, $"{what}: {c.Count} frames, golden {golden.Count}");
        for (int f = 0; f < golden.Count; f++)
        {
            ProcessRecord g = golden[f].Process;
            Assert.True(g.Route == c[f].Route && g.ReplayFrames == c[f].ReplayFrames && g.SwitchScore == c[f].SwitchScore,
                $"{what}, frame {f}: route/replay/score {c[f].Route}/{c[f].ReplayFrames}/{c[f].SwitchScore}, golden {g.Route}/{g.ReplayFrames}/{g.SwitchScore}");
            int i = Enumerable.Range(0, g.Out.Length).FirstOrDefault(s => g.Out[s] != c[f].Out[s], -1);
            Assert.True(i < 0, $"{what}, frame {f}: routed out sample {i} is {(i < 0 ? 0 : c[f].Out[i])}, golden {(i < 0 ? 0 : g.Out[i])}");
        }
    }
}
