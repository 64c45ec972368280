using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>The board glue of the real two-core boards (runtime-c/target/glue): copied into each core's folder,
/// listed in its builds, and linked into each core image with its doorbell and cache hooks.</summary>
public sealed class BoardGlueTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;

    public BoardGlueTests()
    {
        model = FakeModel.CopyToTemp(out temp);
    }

    public void Dispose() => Directory.Delete(temp, true);

    private static BoardProfile Board(string name) => BoardProfileLoader.Load(name, FakeModel.Repo.BoardsDir);

    [Fact]
    public void Every_real_two_core_board_has_glue_for_each_path_core()
    {
        var withGlue = BoardProfileLoader.LoadAll(FakeModel.Repo.BoardsDir).Where(b => b.Glue is not null).Select(b => b.Name).ToList();
        Assert.Equal(["alif-ensemble-e7", "imxrt1170-evk", "nrf5340-dk", "stm32h747i-disco"], withGlue);
        foreach (var board in withGlue.Select(Board))
        {
            foreach (var core in new[] { board.Light, board.Heavy })
            {
                var dir = Path.Combine(FakeModel.Repo.TargetDir, "glue", board.Glue!, core.Id);
                Assert.True(File.Exists(Path.Combine(dir, BoardGlue.CoreSource(core))), $"{board.Name}: {dir}");
                Assert.True(File.Exists(Path.Combine(dir, BoardGlue.CacheHeader)), $"{board.Name}: {dir}");
            }
        }
    }

    [Fact]
    public void Generate_copies_each_core_glue_and_lists_it_in_cmake_and_make()
    {
        var glue = BuildGlueWriter.Write(Board("stm32h747i-disco"), model);
        var m4 = Path.Combine(glue.Directory, "m4");
        var m7 = Path.Combine(glue.Directory, "m7");
        foreach (var f in new[] { "dsl_glue.h", "dsl_glue_arm.h", "dsl_glue_cache.h", "dsl_glue_m4.c", "fake_glue.c" })
        {
            Assert.Contains(Path.Combine(m4, f), glue.Files);
        }

        foreach (var f in new[] { "dsl_glue.h", "dsl_glue_arm.h", "dsl_glue_cache.h", "dsl_glue_m7.c" })
        {
            Assert.Contains(Path.Combine(m7, f), glue.Files);
        }

        // The doorbell hook is the light core's only; each core gets its own cache hooks (the M7 caches SRAM4).
        Assert.DoesNotContain(Path.Combine(m7, "fake_glue.c"), glue.Files);
        Assert.DoesNotContain(Path.Combine(m4, "dsl_glue_m7.c"), glue.Files);
        Assert.Contains("dsl_glue_cache_clean", File.ReadAllText(Path.Combine(m7, "dsl_glue_cache.h")));
        Assert.DoesNotContain("DSL_HANDOFF_CACHE_CLEAN", File.ReadAllText(Path.Combine(m4, "dsl_glue_cache.h")));
        var doorbell = File.ReadAllText(Path.Combine(m4, "fake_glue.c"));
        Assert.Contains("void fake_heavy_doorbell(void)", doorbell);
        Assert.Contains("dsl_glue_doorbell_ring();", doorbell);

        var mk = File.ReadAllText(Path.Combine(m4, "fake_m4.mk"));
        Assert.Contains("$(FAKE_M4_DIR)/dsl_glue_m4.c", mk);
        Assert.Contains("$(FAKE_M4_DIR)/fake_glue.c", mk);
        Assert.Contains("-DDSL_BOARD_GLUE=1 -DDSL_GLUE_SHARED_ORIGIN=0x38000000u -DDSL_GLUE_SHARED_SIZE=0x00010000u", mk);
        var cmake = File.ReadAllText(Path.Combine(m7, "CMakeLists.txt"));
        Assert.Contains("${CMAKE_CURRENT_LIST_DIR}/dsl_glue_m7.c", cmake);
        Assert.DoesNotContain("fake_glue.c", cmake);
        Assert.Contains("\"DSL_BOARD_GLUE=1\"", cmake);

        var again = BuildGlueWriter.Write(Board("stm32h747i-disco"), model, Path.Combine(temp, "again"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(m4, "fake_glue.c")), File.ReadAllBytes(Path.Combine(again.Directory, "m4", "fake_glue.c")));
    }

    [Fact]
    public void A_board_without_glue_gets_none()
    {
        var glue = BuildGlueWriter.Write(Board("mps2-an521"), model);
        Assert.DoesNotContain(glue.Files, f => Path.GetFileName(f).StartsWith("dsl_glue", StringComparison.Ordinal) || f.EndsWith("_glue.c", StringComparison.Ordinal));
        Assert.All(glue.Cores, c => Assert.DoesNotContain(BoardGlue.Define, c.Defines));
    }

    [Fact]
    public void A_glue_folder_without_the_core_is_a_board_error()
    {
        var board = Board("stm32h747i-disco") with { Glue = "no-such-glue" };
        var e = Assert.Throws<DslException>(() => BuildGlueWriter.Write(board, model));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.Contains("uses glue 'no-such-glue'", e.Message);
        Assert.Contains("runtime-c/target/glue/no-such-glue/m4/{dsl_glue_m4.c, dsl_glue_cache.h}", e.Message);
    }

    /// <summary>Link check of each core with -Wall -Wextra -Werror: the symbols are there only when the image
    /// uses them (--gc-sections), so the light image holding dsl_glue_doorbell_ring proves the model's doorbell
    /// hook rings the board's doorbell, and dsl_glue_cache_* in an image prove dsl_handoff.h calls them.</summary>
    [Theory]
    [Trait("Category", "Qemu")]
    [InlineData("stm32h747i-disco", "m7", "HSEM1_IRQHandler")]
    [InlineData("imxrt1170-evk", "m7,m4", "MUA_IRQHandler")]
    [InlineData("nrf5340-dk", "", "IPC_IRQHandler")]
    [InlineData("alif-ensemble-e7", "hp,he", "MHU_M55HE_M55HP_0_RX_IRQHandler")]
    public void Each_core_image_links_its_doorbell_and_cache_glue(string boardName, string cachingCores, string heavyIrqHandler)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-nm"))
        {
            return;
        }

        var board = Board(boardName);
        var caching = cachingCores.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var images = FirmwareBuilder.BuildCoreImages(board, model, Path.Combine(temp, boardName), FakeModel.Repo);
        Assert.Equal([board.LightCore, board.HeavyCore], images.Select(i => i.Core));
        foreach (var image in images)
        {
            var nm = ToolRunner.Run("arm-none-eabi-nm", [image.Elf], TimeSpan.FromMinutes(1));
            Assert.True(nm.Succeeded, nm.StdErr);
            var symbols = nm.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')).Where(f => f.Length == 3 && f[1] is "T" or "t").Select(f => f[2]).ToHashSet();
            string[] expected = image.Role == "light"
                ? ["dsl_glue_init", "dsl_glue_doorbell_ring", "fake_heavy_doorbell"]
                : ["dsl_glue_init", "dsl_glue_doorbell_wait"]; // wait acknowledges (dsl_glue_doorbell_ack, inlined)
            foreach (var s in expected)
            {
                Assert.True(symbols.Contains(s), $"{boardName}/{image.Core}: {s} not in {image.Elf}");
            }

            var caches = caching.Contains(image.Core);
            foreach (var s in new[] { "dsl_glue_cache_clean", "dsl_glue_cache_invalidate" })
            {
                Assert.True(symbols.Contains(s) == caches, $"{boardName}/{image.Core}: {s} {(caches ? "missing" : "unexpected")}");
            }
        }

        // The interrupt handler is reached only through the vendor's vector table, so the link check drops it:
        // the heavy core's glue object must define it under the CMSIS vector name (overriding the weak default).
        var heavyDir = Path.Combine(temp, boardName, board.HeavyCore);
        var obj = Path.Combine(heavyDir, "glue.o");
        var cc = ToolRunner.Run("arm-none-eabi-gcc",
            [.. board.Heavy.GccFlags, .. BuildPlanner.CommonCFlags, "-Werror", "-I" + heavyDir, .. BoardGlue.Defines(board).Select(d => "-D" + d),
                "-c", Path.Combine(heavyDir, BoardGlue.CoreSource(board.Heavy)), "-o", obj], TimeSpan.FromMinutes(1));
        Assert.True(cc.Succeeded, cc.StdErr);
        var objSymbols = ToolRunner.Run("arm-none-eabi-nm", [obj], TimeSpan.FromMinutes(1)).StdOut;
        Assert.Contains(" T " + heavyIrqHandler + "\n", objSymbols);
    }
}
