using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Emit;
using Dsl.Compiler.Toolchain;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>The per-step profile of the emitted tiny program on mps2-an386 (Cortex-M4, dsp kernels): the
/// profiling build gives the same outputs (MeasureBoard compares them), every step is counted once per
/// call, and the steps add up to the path counts of the build without hooks.</summary>
public sealed class StepProfileOnQemuTests(ITestOutputHelper log) : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "dsl-profile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Tiny_steps_add_up_to_the_path_totals_on_an386()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", QemuRunner.Executable))
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var program = EmitTestPrograms.Tiny();
        var dir = Path.Combine(temp, "tiny");
        CEmitter.Emit(program, dir, new EmitOptions(FakeModel.Repo.RuntimeDir, board.Light.KernelVariant));
        var model = ModelFolder.Load(dir);
        var pcm = Path.Combine(temp, "in.pcm");
        FakeModel.WritePcm(pcm, Audio(120));

        var bench = BenchmarkCollector.MeasureBoard(board, model, pcm, Path.Combine(temp, "bench"),
            PathPlan.FromHeader(model, "light") with { Steps = StepSummary.Of(program.Light) },
            PathPlan.FromHeader(model, "heavy") with { Steps = StepSummary.Of(program.Heavy) },
            FakeModel.Repo, TimeSpan.FromSeconds(120), layers: true);
        var trace = bench.Run.Trace!;
        var heavyCalls = trace.Frames.Where(f => f.Route == 1).Sum(f => 1 + f.ReplayFrames);
        Assert.Contains(trace.Frames, f => f.ReplayFrames > 0);

        foreach (var p in bench.Paths)
        {
            var profile = p.Profile!;
            var steps = p.Path == "light" ? program.Light.Steps.Count : program.Heavy.Steps.Count;
            var calls = p.Path == "light" ? trace.Frames.Count : heavyCalls;
            Assert.Equal(steps, profile.Steps.Count);
            Assert.All(profile.Steps, s => Assert.Equal(calls, s.Calls));       // replayed heavy calls included
            Assert.All(profile.Steps, s => Assert.True(s.MeanInstructions > 0, $"{p.Path} step {s.Step.Index} counted nothing"));
            Assert.True(profile.HookInstructions > 0);

            // Steps + the code between them (routing, handoff ring, prologue) = the path count without hooks.
            var total = p.InstructionsPerCall!.Value;
            var outside = total - profile.StepInstructions;
            // With hooks on, the call costs one hook pair per step more, up to register allocation around the
            // calls (seen: 0-3 instructions per step on the shipped model).
            var extra = profile.ProfiledInstructionsPerCall!.Value - total - (steps * profile.HookInstructions);
            log.WriteLine($"{p.Path}: {steps} steps, call {total:0}, steps {profile.StepInstructions:0}, outside {outside:0}; " +
                          $"hook {profile.HookInstructions}, subtracted {profile.SubtractedInstructions}, profiled call {profile.ProfiledInstructionsPerCall:0} (extra {extra:0})");
            Assert.InRange(outside, 0, OutsideStepsLimit);
            Assert.InRange(extra, -4 * steps, 4 * steps);
        }
    }

    // Routing, handoff slot and function entry/exit of the tiny light path are a few dozen instructions.
    private const double OutsideStepsLimit = 120;

    /// <summary>Loud and quiet stretches, so the route switches both ways and heavy restarts replay.</summary>
    private static short[] Audio(int frames)
    {
        var rng = new Random(11);
        var s = new short[EmitTestPrograms.FrameSamples * frames];
        for (var i = 0; i < s.Length; i++)
        {
            var loud = (i / (EmitTestPrograms.FrameSamples * 9)) % 2 == 1;
            s[i] = (short)rng.Next(loud ? -30000 : -3000, loud ? 30000 : 3000);
        }

        return s;
    }
}
