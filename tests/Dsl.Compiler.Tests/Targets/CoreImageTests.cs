using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>Per-core link-check images of every board (the build-only ones included).</summary>
public sealed class CoreImageTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;

    public CoreImageTests()
    {
        model = FakeModel.CopyToTemp(out temp);
    }

    public void Dispose() => Directory.Delete(temp, true);

    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        foreach (var n in BoardProfileLoader.ListNames(FakeModel.Repo.BoardsDir))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Qemu")]
    [MemberData(nameof(Boards))]
    public void Every_board_links_each_core_within_its_memory(string boardName)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        var images = FirmwareBuilder.BuildCoreImages(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        Assert.Equal(board.IsSingleCore ? 1 : 2, images.Count);
        foreach (var image in images)
        {
            var core = board.Core(image.Core);
            Assert.True(image.Sizes.Text > 0);
            Assert.True(image.Sizes.Flash <= (long)core.Flash.Size);
            Assert.True(image.Sizes.Ram <= (long)core.Ram.Size);
        }
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Too_small_flash_is_a_board_error_naming_core_and_region()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var yaml = File.ReadAllText(Path.Combine(FakeModel.Repo.BoardsDir, "stm32f407g-disc1.yaml"))
            .Replace("name: stm32f407g-disc1", "name: tiny-board")
            .Replace("flash: { origin: 0x08000000, size: 1M }", "flash: { origin: 0x08000000, size: 512 }");
        var path = Path.Combine(temp, "tiny-board.yaml");
        File.WriteAllText(path, yaml);
        var board = BoardProfileLoader.Load(path, FakeModel.Repo.BoardsDir);
        var e = Assert.Throws<DslException>(() => FirmwareBuilder.BuildCoreImages(board, model, Path.Combine(temp, "tiny"), FakeModel.Repo));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.Contains("core 'm4' (light+heavy path) flash region", e.Message);
        Assert.Contains("overflows it by", e.Message);
        Assert.Contains("available 512 bytes", e.Message);
    }
}
