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

    [Theory]
    [Trait("Category", "Qemu")]
    [InlineData("mps2-an521")]
    [InlineData("stm32h747i-disco")]
    public void Two_core_images_hold_the_shared_object_once_at_one_address(string boardName)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-nm"))
        {
            return;
        }

        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        var images = FirmwareBuilder.BuildCoreImages(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        Assert.Equal([board.LightCore, board.HeavyCore], images.Select(i => i.Core));
        var placed = new List<string>();
        foreach (var image in images)
        {
            var nm = ToolRunner.Run("arm-none-eabi-nm", ["-S", image.Elf], TimeSpan.FromMinutes(1));
            Assert.True(nm.Succeeded, nm.StdErr);
            // "address size type name": the shared object, and every symbol placed in the shared region
            var symbols = nm.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(f => f.Length == 4).ToList();
            var shared = Assert.Single(symbols, f => f[3] == "fake_shared");
            Assert.Equal(board.Shared!.Origin, Convert.ToUInt64(shared[0], 16));
            Assert.Single(symbols, f => Convert.ToUInt64(f[0], 16) is var a && a >= board.Shared.Origin && a < board.Shared.Origin + board.Shared.Size);
            placed.Add($"{shared[0]} {shared[1]}");
        }

        Assert.Equal(placed[0], placed[1]);
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

    [Fact]
    [Trait("Category", "Qemu")]
    public void Generate_writes_glue_and_link_checks_each_core_deterministically()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var board = BoardProfileLoader.Load("nrf5340-dk", FakeModel.Repo.BoardsDir);
        var first = BoardGenerator.Generate(board, model, Path.Combine(temp, "g1"), FakeModel.Repo);
        var second = BoardGenerator.Generate(board, model, Path.Combine(temp, "g2"), FakeModel.Repo);
        Assert.Null(first.LinkCheckSkippedBecause);
        Assert.Equal(["net", "app"], first.Images.Select(i => i.Core));
        Assert.Equal(first.Images.Select(i => i.Sizes.Flash), second.Images.Select(i => i.Sizes.Flash));
        var rel1 = first.Glue.Files.Select(f => Path.GetRelativePath(first.Glue.Directory, f)).ToList();
        Assert.Equal(rel1, second.Glue.Files.Select(f => Path.GetRelativePath(second.Glue.Directory, f)));
        foreach (var f in rel1)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Glue.Directory, f)), File.ReadAllBytes(Path.Combine(second.Glue.Directory, f)));
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(first.Glue.Directory, "*", SearchOption.AllDirectories), f => f.EndsWith(".elf", StringComparison.Ordinal));
    }
}
