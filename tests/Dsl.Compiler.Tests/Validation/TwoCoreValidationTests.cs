using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
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
/// </summary>
public sealed class TwoCoreValidationTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("dsl-two-cores-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private (BoardProfile Board, CompiledModel Model, string Emitted) Emit()
    {
        var board = BoardProfileLoader.Load("mps2-an521", FakeModel.Repo.BoardsDir);
        CompiledModel model = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions());
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
}
