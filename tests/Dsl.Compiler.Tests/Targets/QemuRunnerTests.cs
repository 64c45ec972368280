using Dsl.Compiler.Boards;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>QEMU endings: a HardFault and a hang are reported as such.</summary>
public sealed class QemuRunnerTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "dsl-qemu-" + Guid.NewGuid().ToString("N"));

    public QemuRunnerTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, true);

    private string BuildProgram(BoardProfile board, string body)
    {
        var repo = FakeModel.Repo;
        var src = Path.Combine(temp, "prog.c");
        File.WriteAllText(src, "int main(void);\nint main(void)\n{\n" + body + "\n}\n");
        File.WriteAllText(Path.Combine(temp, "memory.ld"), BuildGlueWriter.MemoryLd(board, board.Light));
        var elf = Path.Combine(temp, "prog.elf");
        GccCompiler.Arm.Compile(new CompileRequest(
            [src, Path.Combine(repo.TargetDir, "dsl_startup.c"), Path.Combine(repo.TargetDir, "dsl_semihost.c"), Path.Combine(repo.TargetDir, "dsl_mem.c")],
            [repo.TargetDir],
            [],
            [.. board.Light.GccFlags, "-O1", "-ffreestanding"],
            [.. board.Light.GccFlags, "-L" + temp, "-L" + repo.TargetDir, .. BuildPlanner.TargetLinkFlags],
            elf));
        return elf;
    }

    private static bool HaveTools() => ToolGate.Have("arm-none-eabi-gcc", QemuRunner.Executable);

    [Fact]
    public void Heavy_core_image_is_loaded_raw_at_its_address_with_a_deterministic_idle_clock()
    {
        var single = QemuRunner.Arguments(new QemuRunRequest("mps2-an386", "a.elf", 6, ["in", "out"], temp, TimeSpan.FromSeconds(1)));
        Assert.Contains("shift=6", single);
        Assert.DoesNotContain("-device", single);
        var two = QemuRunner.Arguments(new QemuRunRequest("mps2-an521", "cpu0.elf", 6, ["in", "out"], temp, TimeSpan.FromSeconds(1),
            [new QemuRawImage("dir,x/cpu1.bin", 0x10100000)]));
        Assert.Contains("shift=6,sleep=off", two);
        var device = two.ToList().IndexOf("-device");
        Assert.True(device > two.ToList().IndexOf("-kernel"));
        Assert.Equal($"loader,file={Path.GetFullPath("dir,x/cpu1.bin").Replace(",", ",,")},addr=0x10100000,force-raw=on", two[device + 1]);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Fault_is_reported_as_hardfault()
    {
        if (!HaveTools())
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var elf = BuildProgram(board, "    void (*bad)(void) = (void (*)(void))0xFFFFFFF0u;\n    bad();\n    return 0;");
        var run = QemuRunner.Run(new QemuRunRequest("mps2-an386", elf, 6, [], temp, TimeSpan.FromSeconds(20)));
        Assert.Equal(QemuOutcome.HardFault, run.Outcome);
        Assert.Contains("HardFault", run.Describe());
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Endless_loop_is_reported_as_hang()
    {
        if (!HaveTools())
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var elf = BuildProgram(board, "    volatile int x = 1;\n    while (x) { }\n    return 0;");
        var run = QemuRunner.Run(new QemuRunRequest("mps2-an386", elf, 6, [], temp, TimeSpan.FromSeconds(2)));
        Assert.Equal(QemuOutcome.Hang, run.Outcome);
        Assert.Contains("hang (timeout", run.Describe());
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Exit_code_reaches_the_runner()
    {
        if (!HaveTools())
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var elf = BuildProgram(board, "    return 5;");
        var run = QemuRunner.Run(new QemuRunRequest("mps2-an386", elf, 6, [], temp, TimeSpan.FromSeconds(20)));
        Assert.Equal(QemuOutcome.Failed, run.Outcome);
        Assert.Equal(5, run.Process.ExitCode);
    }
}
