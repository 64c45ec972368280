using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

public class ToolchainTests
{
    private const string SizeOutput = """
        fw.elf  :
        section            size        addr
        .text              3064           0
        .rodata             200        3064
        .ARM.exidx            8        3264
        .data                16   536870912
        .bss               2864   536870928
        .comment             38           0
        .ARM.attributes      52           0
        .debug_info        1868           0
        Total             14529

        """;

    [Fact]
    public void Size_output_is_grouped()
    {
        var s = ArmSize.Parse(SizeOutput, "fw.elf");
        Assert.Equal(3064, s.Text);
        Assert.Equal(208, s.Rodata);
        Assert.Equal(16, s.Data);
        Assert.Equal(2864, s.Bss);
        Assert.Equal(3064 + 208 + 16, s.Flash);
        Assert.Equal(2880, s.Ram);
        Assert.DoesNotContain(s.Sections, kv => kv.Key == ".comment" || kv.Key.StartsWith(".debug", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shared_handoff_section_counts_in_neither_flash_nor_ram()
    {
        var s = ArmSize.Parse(SizeOutput.Replace(".comment", ".dsl_handoff       4160   805306368\n.comment"), "fw.elf");
        Assert.Equal(4160, s.Shared);
        Assert.Equal(2864, s.Bss);
        Assert.Equal(2880, s.Ram);
        Assert.Equal(3064 + 208 + 16, s.Flash);
    }

    [Fact]
    public void Garbage_size_output_is_an_error()
    {
        var e = Assert.Throws<DslException>(() => ArmSize.Parse("hello", "x.elf"));
        Assert.Equal(DslErrorCode.Toolchain, e.Code);
        Assert.Contains("x.elf", e.Message);
    }

    [Fact]
    public void Qemu_arguments_have_icount_and_semihosting_args()
    {
        var args = QemuRunner.Arguments(new QemuRunRequest("mps2-an386", "/tmp/a,b.elf", 6, ["in.pcm", "out.bin"], "/tmp", TimeSpan.FromSeconds(5)));
        var text = string.Join(" ", args);
        Assert.Contains("-M mps2-an386", text);
        Assert.Contains("-icount shift=6", text);
        Assert.Contains("enable=on,target=native,chardev=sh0,arg=a,,b.elf,arg=in.pcm,arg=out.bin", text);
        Assert.Contains("-chardev stdio,id=sh0", text);
    }

    [Fact]
    public void Endings_are_classified()
    {
        static ProcessResult P(int code, bool timedOut = false) => new("q", code, "", "", timedOut, TimeSpan.FromSeconds(1));
        Assert.Equal(QemuOutcome.Passed, QemuRunner.Classify(P(0)));
        Assert.Equal(QemuOutcome.HardFault, QemuRunner.Classify(P(127)));
        Assert.Equal(QemuOutcome.UnexpectedException, QemuRunner.Classify(P(126)));
        Assert.Equal(QemuOutcome.Hang, QemuRunner.Classify(P(-1, timedOut: true)));
        Assert.Equal(QemuOutcome.Failed, QemuRunner.Classify(P(3)));
        Assert.Contains("hang (timeout", new RunResult(QemuOutcome.Hang, P(-1, true), "fw").Describe());
        Assert.Contains("HardFault", new RunResult(QemuOutcome.HardFault, P(127), "fw").Describe());
        Assert.Contains("exit code 3 (harness I/O error", new RunResult(QemuOutcome.Failed, P(3), "fw").Describe());
    }

    [Fact]
    public void Missing_tool_names_the_apt_package()
    {
        var e = Assert.Throws<DslException>(() => ToolRunner.Require("arm-none-eabi-gcc-does-not-exist"));
        Assert.Equal(DslErrorCode.Toolchain, e.Code);
        Assert.Contains("apt-get install", e.Message);
        Assert.Equal("gcc-arm-none-eabi libnewlib-arm-none-eabi", ToolRunner.AptPackageFor("arm-none-eabi-size"));
        Assert.Equal("qemu-system-arm", ToolRunner.AptPackageFor("qemu-system-arm"));
    }

    [Fact]
    public void Compiler_errors_carry_diagnostics()
    {
        if (!ToolGate.Have("gcc"))
        {
            return;
        }

        var dir = Path.Combine(Path.GetTempPath(), "dsl-cc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var src = Path.Combine(dir, "bad.c");
            File.WriteAllText(src, "int main(void) { return undeclared_thing; }\n");
            var e = Assert.Throws<DslException>(() => GccCompiler.Host.Compile(
                new CompileRequest([src], [], [], ["-std=c99"], [], Path.Combine(dir, "bad"))));
            Assert.Equal(DslErrorCode.Toolchain, e.Code);
            Assert.Contains("undeclared_thing", e.Message);
            Assert.Contains("bad.c", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
