using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The tiny fixture on the emulated two-core board mps2-an521: the light core (CPU0) runs the light path and
/// publishes into the shared ring, the heavy core (CPU1, its own image) services the jobs; every light
/// output, decision, handoff byte (as the heavy core reads it), heavy output and routed output (at the generated
/// latency) must equal the golden model, in the lockstep run (each core's instructions in the trace) and in the
/// paced run (the light core does not wait); no frame is late at the default pacing, and an overload makes late
/// frames that are counted, fall back to the light output and still compare bit for bit under the latency rule.
/// A classifier head (tiny_gc) does the same with one scores vector per frame in the heavy output ring, its light and
/// late frames routed to the gated scores.
/// </summary>
public sealed class TwoCoreValidationTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("dsl-two-cores-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private (BoardProfile Board, CompiledModel Model, string Emitted) Emit(string? manifest = null)
    {
        var board = BoardProfileLoader.Load("mps2-an521", FakeModel.Repo.BoardsDir);
        CompiledModel model = ModelCompiler.Compile(manifest ?? Fixtures.TinyDsl, new CompileOptions());
        string emitted = Path.Combine(work, model.Program.Name);
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Of(board), _ => { },
            layoutBoard: board);
        return (board, model, emitted);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Tiny_model_on_two_emulated_cores_is_bit_exact_with_per_core_counts()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        var (board, model, emitted) = Emit();
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, [Fixtures.TinyDslTestAudio], board, Path.Combine(work, "build"));

        ValidationVerdict verdict = ValidationVerdict.Of(results);
        Assert.True(verdict.BitExact, verdict.FirstDifference);
        var trace = results[0].Trace;
        // the clip switches light -> heavy, so the heavy core restarted with a replay and continued
        Assert.Contains(trace, f => f.Route == 1 && f.ReplayFrames > 0);
        Assert.Contains(trace, f => f.Route == 0);
        Assert.All(trace, f => Assert.True(f.LightInstructions > 0));
        Assert.All(trace, f => Assert.Equal(f.Route == 1, f.HeavyInstructions > 0));
        // the images of both cores were built, the heavy one also as the raw binary QEMU loads
        Assert.True(File.Exists(Path.Combine(work, "build", board.HeavyCore, $"{model.Program.Name}_mps2_an521_test_{board.HeavyCore}.bin")));
        // both runs assembled the routed output at the default latency (REPLAY_FRAMES + 1), none late
        TwoCoreClip two = results[0].TwoCores!;
        Assert.Equal(model.Program.ReplayFrames + 1, two.Lockstep.Latency);
        Assert.Equal(trace.Count, two.Lockstep.Sources.Count);
        Assert.NotNull(two.Paced);
        Assert.True(two.PacedComparison!.BitExact, two.PacedComparison.FirstDifference);
        Assert.Equal((0u, 0u, 0u), (two.Paced.Late, two.Paced.Lost, two.Paced.Overruns));
        Assert.Contains(two.Paced.Sources, s => s == RoutedSource.Heavy);
        Assert.Null(results[0].Failure);
    }

    /// <summary>Frames paced four times faster than the two cores can keep up with: the heavy core falls behind,
    /// heavy frames are late (counted, the light output routed in their place), and the run still compares bit for
    /// bit under the latency rule (the heavy outputs that arrived are the golden ones); validation fails on them.</summary>
    [Fact]
    [Trait("Category", "Qemu")]
    public void Overloaded_heavy_core_gives_counted_late_frames_that_fall_back_bit_exact()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        var (board, model, emitted) = Emit();
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, [Fixtures.TinyDslTestAudio], board, Path.Combine(work, "build"),
            pacedLoad: 4);

        TwoCoreClip two = results[0].TwoCores!;
        Assert.True(results[0].Comparison.BitExact, results[0].Comparison.FirstDifference);
        Assert.Equal(0u, two.Lockstep.Late);
        RoutingLog paced = two.Paced!;
        Assert.True(paced.Late > 0, "no late frame under a fourfold overload");
        Assert.Equal(paced.Late, (uint)paced.Sources.Count(s => s == RoutedSource.Late));
        Assert.Contains(paced.Sources, s => s == RoutedSource.Heavy);
        Assert.True(two.PacedComparison!.BitExact, two.PacedComparison.FirstDifference);

        // the late frames of the paced trace hold the light output as their routed output and no heavy output
        TraceFile pacedTrace = TraceFile.Read(Path.Combine(work, "build", Path.GetFileNameWithoutExtension(Fixtures.TinyDslTestAudio) + ".paced.trace"));
        var lateFrames = Enumerable.Range(0, paced.Sources.Count).Where(f => paced.Sources[f] == RoutedSource.Late).ToList();
        Assert.All(lateFrames, f => Assert.Equal(pacedTrace.Frames[f].LightOut, pacedTrace.Frames[f].Process.Out));
        Assert.All(lateFrames, f => Assert.All(pacedTrace.Frames[f].HeavyOut, x => Assert.Equal(0, x)));
        Assert.All(lateFrames, f => Assert.Equal(1, pacedTrace.Frames[f].Route));

        ValidationVerdict verdict = ValidationVerdict.Of(results);
        Assert.False(verdict.BitExact);
        Assert.Contains($"{paced.Late} late", verdict.FirstDifference);
    }

    /// <summary>tiny_gc (docs/classifier-heads.md) on the two cores: the heavy output ring carries the scores vector
    /// of each heavy frame; lockstep is bit-exact with the golden model (per path and routed, per-core counts), and
    /// frames paced 1.5 times faster than the default (the light core alone takes most of the period) make late
    /// frames that route to the gated scores (the negative class), as light frames do, and still compare bit for bit.</summary>
    [Fact]
    [Trait("Category", "Qemu")]
    public void Classifier_head_on_two_emulated_cores_carries_scores_and_routes_light_and_late_frames_to_the_gated_scores()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        var (board, model, emitted) = Emit(Fixtures.TinyGc);
        var head = model.Program.Classes!;
        short[] gated = head.GatedScores().Select(v => (short)v).ToArray();
        string clip = Path.Combine(Path.GetDirectoryName(Fixtures.TinyGc)!, "test", "synth.wav");
        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, [clip], board, Path.Combine(work, "build"), pacedLoad: 1.5);

        // lockstep: every decision, handoff byte, heavy scores vector and routed vector equal to the golden model
        Assert.True(results[0].Comparison.BitExact, results[0].Comparison.FirstDifference);
        var trace = results[0].Trace;
        Assert.All(trace, f => Assert.Equal(head.Count, f.HeavyOut.Length));
        Assert.All(trace, f => Assert.Equal(head.Count, f.Process.Out.Length));
        Assert.All(trace.Where(f => f.Route == 0), f => Assert.Equal(gated, f.Process.Out));
        Assert.All(trace.Where(f => f.Route == 0), f => Assert.Equal(gated, f.HeavyOut));
        Assert.Contains(trace, f => f.Route == 1 && f.ReplayFrames > 0);
        Assert.All(trace, f => Assert.Equal(f.Route == 1, f.HeavyInstructions > 0));
        // the ring carried real scores: heavy frames name more than one class
        Assert.True(trace.Where(f => f.Route == 1).Select(f => ClassHeadProgram.ArgMax(f.Process.Out.Select(v => (int)v).ToList())).Distinct().Count() >= 2);

        TwoCoreClip two = results[0].TwoCores!;
        Assert.Equal((0u, 0u, 0u), (two.Lockstep.Late, two.Lockstep.Lost, two.Lockstep.Overruns));
        RoutingLog paced = two.Paced!;
        Assert.True(paced.Late > 0, "no late frame under a 1.5-fold overload");
        Assert.True(two.PacedComparison!.BitExact, two.PacedComparison.FirstDifference);
        TraceFile pacedTrace = TraceFile.Read(Path.Combine(work, "build", "synth.paced.trace"));
        var lateFrames = Enumerable.Range(0, paced.Sources.Count).Where(f => paced.Sources[f] == RoutedSource.Late).ToList();
        Assert.All(lateFrames, f => Assert.Equal(gated, pacedTrace.Frames[f].Process.Out));
        Assert.All(lateFrames, f => Assert.All(pacedTrace.Frames[f].HeavyOut, x => Assert.Equal(0, x)));
        Assert.Contains(paced.Sources, s => s == RoutedSource.Heavy); // some arrived in time, from the scores ring
    }

    /// <summary>tiny_gc generated for every two-core board profile: each core's folder gets the two-core API with a
    /// heavy output ring of scores vectors (size from the model's header), and each core's image links under -Werror
    /// (generate's link check) with the scores type in every entry point.</summary>
    [Fact]
    public void Classifier_head_generates_and_links_on_every_two_core_board()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-size"))
        {
            return;
        }

        var boards = BoardProfileLoader.LoadAll(FakeModel.Repo.BoardsDir).Where(b => !b.IsSingleCore).ToList();
        Assert.True(boards.Count >= 5, $"{boards.Count} two-core board profiles");
        CompiledModel model = ModelCompiler.Compile(Fixtures.TinyGc, new CompileOptions());
        string m = model.Program.Name;
        string upper = m.ToUpperInvariant();
        foreach (BoardProfile board in boards)
        {
            string emitted = Path.Combine(work, board.Name);
            var lines = new List<string>();
            GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), board, PathVariants.Of(board), lines.Add);

            string header = File.ReadAllText(Path.Combine(emitted, m + ".h"));
            Assert.Contains($"#define {upper}_CLASS_HEAD           1", header);
            Assert.Contains($"#define {upper}_OUT_VALUES           {upper}_SCORES_CLASSES", header);
            Assert.Contains($"typedef int8_t {m}_out_t;", header);
            foreach (string core in new[] { board.LightCore, board.HeavyCore })
            {
                string cores = File.ReadAllText(Path.Combine(emitted, "boards", board.Name, core, m + "_cores.h"));
                Assert.Contains($"{m}_out_t values[{upper}_OUT_VALUES];", cores);
                Assert.Contains($"int {m}_heavy_output(uint32_t seq, {m}_out_t out[{upper}_OUT_VALUES]);", cores);
            }

            // both cores' images linked and fit (the light one has the labels, argmax and gated scores)
            Assert.Equal(2, lines.Count(l => l.StartsWith(board.Name + "/", StringComparison.Ordinal) && l.EndsWith(": fits", StringComparison.Ordinal)));
        }
    }
}
