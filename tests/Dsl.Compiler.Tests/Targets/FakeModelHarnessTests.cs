using Dsl.Compiler.Boards;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>The harness path end to end with the hand-written fake model: host gcc, and QEMU boards.</summary>
public sealed class FakeModelHarnessTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;
    private readonly short[] audio = FakeModel.Audio(40);
    private readonly string pcm;

    public FakeModelHarnessTests()
    {
        model = FakeModel.CopyToTemp(out temp);
        pcm = Path.Combine(temp, "in.pcm");
        FakeModel.WritePcm(pcm, audio);
    }

    public void Dispose() => Directory.Delete(temp, true);

    [Fact]
    public void Reference_has_transitions_with_replay()
    {
        var expected = FakeModel.Expected(audio);
        Assert.Equal(40, expected.Frames.Count);
        Assert.Contains(expected.Frames, f => f.ReplayFrames == 3);
        Assert.Contains(expected.Frames, f => f.Route == 1 && f.SwitchScore < FakeModel.Threshold); // held
    }

    [Fact]
    public void Host_build_writes_the_expected_trace()
    {
        if (!ToolGate.Have("gcc"))
        {
            return;
        }

        var exe = FirmwareBuilder.BuildHostHarness(model, Path.Combine(temp, "host"), FakeModel.Repo);
        var run = HarnessRunner.RunOnHost(exe, pcm, Path.Combine(temp, "host", "trace.bin"));
        var trace = run.TraceOrThrow();
        FakeModel.AssertSameOutputs(FakeModel.Expected(audio), trace);
        Assert.All(trace.Frames, f => Assert.Equal(0u, f.LightInstructions));
    }

    [Theory]
    [Trait("Category", "Qemu")]
    [InlineData("mps2-an386")]
    [InlineData("mps2-an500")]
    [InlineData("mps2-an505")]
    [InlineData("mps3-an547")]
    public void Qemu_firmware_writes_the_expected_trace_with_deterministic_counts(string boardName)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", QemuRunner.Executable))
        {
            return;
        }

        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        var elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        var sizes = ArmSize.Read(elf);
        Assert.True(sizes.Text > 0);
        Assert.True(sizes.Rodata >= 64, $"vector table and constants should count as rodata, got {sizes.Rodata}");
        FitCheck.Check(board, new PathFootprint(sizes.Text, sizes.Rodata, 0, 0, sizes.Bss), new PathFootprint(0, 0, 0, 0, 0));

        var first = HarnessRunner.RunOnQemu(board, elf, pcm, Path.Combine(temp, boardName, "trace1.bin"), TimeSpan.FromSeconds(60));
        var t1 = first.TraceOrThrow();
        FakeModel.AssertSameOutputs(FakeModel.Expected(audio), t1);
        Assert.All(t1.Frames, f => Assert.InRange(f.LightInstructions, 100u, 100_000u));
        Assert.All(t1.Frames.Where(f => f.Route == 1), f => Assert.InRange(f.HeavyInstructions, 100u, 100_000u));
        Assert.All(t1.Frames.Where(f => f.Route == 0), f => Assert.Equal(0u, f.HeavyInstructions));
        var replayed = t1.Frames.First(f => f.ReplayFrames == 3).HeavyInstructions;
        var steady = t1.Frames.Where(f => f.Route == 1 && f.ReplayFrames == 0).Max(f => f.HeavyInstructions);
        Assert.True(replayed > 3 * steady, $"replay frame {replayed} instructions vs steady {steady}");

        var second = HarnessRunner.RunOnQemu(board, elf, pcm, Path.Combine(temp, boardName, "trace2.bin"), TimeSpan.FromSeconds(60));
        var t2 = second.TraceOrThrow();
        Assert.Equal(t1.Frames.Select(f => f.LightInstructions), t2.Frames.Select(f => f.LightInstructions));
        Assert.Equal(t1.Frames.Select(f => f.HeavyInstructions), t2.Frames.Select(f => f.HeavyInstructions));
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Missing_input_fails_with_the_harness_exit_code()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", QemuRunner.Executable))
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(temp, "fw"), FakeModel.Repo);
        var qemu = board.Qemu!;
        var run = QemuRunner.Run(new QemuRunRequest(qemu.Machine, elf, qemu.IcountShift, ["no-such.pcm", "t.bin"], temp, TimeSpan.FromSeconds(30)));
        Assert.Equal(QemuOutcome.Failed, run.Outcome);
        Assert.Equal(3, run.Process.ExitCode);
        Assert.Contains("exit code 3", run.Describe());
    }
}
