using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Emit;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>Code emitted by dslc (the small hand-built program of the emitter tests) through the board
/// glue: every emulated board's firmware, with the board's kernel variant, writes the same trace as the
/// host build; every board links each core within its memory.</summary>
public sealed class EmittedModelOnBoardsTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "dsl-emitted-" + Guid.NewGuid().ToString("N"));

    public EmittedModelOnBoardsTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, true);

    private ModelFolder EmitTiny(KernelVariant variant) => EmitTiny(PathVariants.Uniform(variant));

    private ModelFolder EmitTiny(PathVariants variants)
    {
        var dir = Path.Combine(temp, $"tiny_{variants.Light}_{variants.Heavy}".ToLowerInvariant());
        if (!Directory.Exists(dir))
        {
            CEmitter.Emit(EmitTestPrograms.Tiny(), dir, EmitOptions.For(FakeModel.Repo.RuntimeDir, variants));
        }

        return ModelFolder.Load(dir);
    }

    private string Pcm()
    {
        var rng = new Random(7);
        var samples = new short[(EmitTestPrograms.FrameSamples * 200) + 3];
        for (var i = 0; i < samples.Length; i++)
        {
            // stretches of loud and quiet input so the route switches both ways
            var loud = (i / (EmitTestPrograms.FrameSamples * 9)) % 2 == 1;
            samples[i] = (short)rng.Next(loud ? -30000 : -3000, loud ? 30000 : 3000);
        }

        var path = Path.Combine(temp, "in.pcm");
        FakeModel.WritePcm(path, samples);
        return path;
    }

    [Theory]
    [Trait("Category", "Qemu")]
    [InlineData("mps2-an385")]
    [InlineData("mps2-an386")]
    [InlineData("mps2-an500")]
    [InlineData("mps2-an505")]
    [InlineData("mps3-an547")]
    public void Firmware_trace_equals_host_trace(string boardName)
    {
        if (!ToolGate.Have("gcc", "arm-none-eabi-gcc", QemuRunner.Executable))
        {
            return;
        }

        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        var pcm = Pcm();
        var portable = EmitTiny(KernelVariant.Portable);
        var host = HarnessRunner.RunOnHost(FirmwareBuilder.BuildHostHarness(portable, Path.Combine(temp, "host"), FakeModel.Repo),
            pcm, Path.Combine(temp, "host", "trace.bin")).TraceOrThrow();
        Assert.Contains(host.Frames, f => f.Route == 1);
        Assert.Contains(host.Frames, f => f.Route == 0);

        var model = EmitTiny(board.Light.KernelVariant);
        var elf = FirmwareBuilder.BuildTestFirmware(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        var target = HarnessRunner.RunOnQemu(board, elf, pcm, Path.Combine(temp, boardName, "trace.bin"), TimeSpan.FromSeconds(60)).TraceOrThrow();
        var cmp = TraceComparison.Compare(host.Frames, target.Frames, boardName);
        Assert.True(cmp.BitExact, cmp.FirstDifference);
        Assert.All(target.Frames, f => Assert.True(f.LightInstructions > 0));
    }

    public static TheoryData<string> BuildOnlyBoards()
    {
        var data = new TheoryData<string>();
        foreach (var b in BoardProfileLoader.LoadAll(FakeModel.Repo.BoardsDir).Where(b => !b.IsEmulated))
        {
            data.Add(b.Name);
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Qemu")]
    [MemberData(nameof(BuildOnlyBoards))]
    public void Emitted_model_links_on_every_core_of_real_boards(string boardName)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        // Each path in its core's variant (nrf5340-dk: light on the portable net core, heavy on the dsp app core).
        var model = EmitTiny(PathVariants.Of(board));
        var images = FirmwareBuilder.BuildCoreImages(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        Assert.Equal(board.IsSingleCore ? 1 : 2, images.Count);
        foreach (var image in images)
        {
            var core = board.Core(image.Core);
            Assert.True(image.Sizes.Flash <= (long)core.Flash.Size);
            Assert.True(image.Sizes.Ram <= (long)core.Ram.Size);
        }
    }

    [Fact]
    public void Kernels_a_core_cannot_run_are_refused_before_compiling()
    {
        var board = BoardProfileLoader.Load("nrf5340-dk", FakeModel.Repo.BoardsDir);
        Assert.Equal(KernelVariant.Portable, board.CommonKernelVariant);
        var model = EmitTiny(KernelVariant.Dsp);
        Assert.Equal(KernelVariant.Dsp, model.EmittedVariant);
        var e = Assert.Throws<Diagnostics.DslException>(() => BuildGlueWriter.Write(board, model, Path.Combine(temp, "glue")));
        Assert.Equal(Diagnostics.DslErrorCode.Board, e.Code);
        Assert.Contains("core 'net'", e.Message);
        Assert.Contains("common variant 'portable'", e.Message);
    }
}
