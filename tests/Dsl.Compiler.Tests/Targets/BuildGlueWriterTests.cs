using Dsl.Compiler.Boards;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Targets;

public sealed class BuildGlueWriterTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;

    public BuildGlueWriterTests()
    {
        model = FakeModel.CopyToTemp(out temp);
    }

    public void Dispose() => Directory.Delete(temp, true);

    private static BoardProfile Board(string name) => BoardProfileLoader.Load(name, FakeModel.Repo.BoardsDir);

    [Fact]
    public void Model_folder_is_scanned()
    {
        Assert.Equal("fake", model.Name);
        Assert.Single(model.LightSources);
        Assert.EndsWith("fake_light.c", model.LightSources[0]);
        Assert.EndsWith("fake_model.c", Assert.Single(model.SingleCoreSources));
    }

    [Fact]
    public void Memory_ld_of_a_dual_core_board_has_shared_handoff_section()
    {
        var board = Board("stm32h747i-disco");
        var ld = BuildGlueWriter.MemoryLd(board, board.Light);
        Assert.Contains("FLASH  (rx ) : ORIGIN = 0x08100000, LENGTH = 0x00100000 /* 1 MiB */", ld);
        Assert.Contains("RAM    (rwx) : ORIGIN = 0x30000000, LENGTH = 0x00040000 /* 256 KiB */", ld);
        Assert.Contains("SHARED (rw ) : ORIGIN = 0x38000000, LENGTH = 0x00010000 /* 64 KiB */", ld);
        Assert.Contains(".dsl_handoff (NOLOAD)", ld);
        var single = Board("mps2-an386");
        var sld = BuildGlueWriter.MemoryLd(single, single.Light);
        Assert.Contains("FLASH  (rx ) : ORIGIN = 0x00000000, LENGTH = 0x00400000", sld);
        Assert.DoesNotContain("SHARED", sld);
    }

    [Fact]
    public void Memory_ld_with_boot_region_copies_the_reset_vector()
    {
        var board = Board("mps3-an547");
        var ld = BuildGlueWriter.MemoryLd(board, board.Light);
        Assert.Contains("FLASH  (rx ) : ORIGIN = 0x01000000, LENGTH = 0x00200000 /* 2 MiB */", ld);
        Assert.Contains("BOOT   (rx ) : ORIGIN = 0x00000000, LENGTH = 0x00080000", ld);
        Assert.Contains("LONG(__stack_top__)", ld);
        Assert.Contains("LONG(Reset_Handler | 1)", ld);
    }

    [Fact]
    public void Dual_core_glue_splits_the_paths()
    {
        var board = Board("stm32h747i-disco");
        var glue = BuildGlueWriter.Write(board, model);
        Assert.Null(glue.Firmware);
        Assert.Equal(2, glue.Cores.Count);
        var m4 = Path.Combine(glue.Directory, "m4");
        var mk = File.ReadAllText(Path.Combine(m4, "fake_m4.mk"));
        Assert.Contains("FAKE_M4_TARGET_FLAGS := -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard", mk);
        Assert.Contains("$(FAKE_M4_DIR)/../../../fake_light.c", mk);
        Assert.DoesNotContain("fake_heavy.c", mk);
        // Each core folder builds on its own: the shared object, its own entry points, the protocol header.
        Assert.Contains("$(FAKE_M4_DIR)/fake_cores_shared.c", mk);
        Assert.Contains("$(FAKE_M4_DIR)/fake_light_core.c", mk);
        Assert.DoesNotContain("fake_heavy_core.c", mk);
        Assert.Contains(" -I$(FAKE_M4_DIR)/. ", mk);
        foreach (var f in new[] { "fake_cores.h", "dsl_cores.h", "dsl_handoff.h", "fake_cores_shared.c", "fake_light_core.c" })
        {
            Assert.Contains(Path.Combine(m4, f), glue.Files);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(m4, "fake_cores_shared.c")), File.ReadAllText(Path.Combine(glue.Directory, "m7", "fake_cores_shared.c")));
        Assert.DoesNotContain("HANDOFF_SECTION", mk);
        var cmake = File.ReadAllText(Path.Combine(glue.Directory, "m7", "CMakeLists.txt"));
        Assert.Contains("project(fake_m7 C)", cmake);
        Assert.Contains("add_library(fake_m7 STATIC", cmake);
        Assert.Contains("${CMAKE_CURRENT_LIST_DIR}/../../../fake_heavy.c", cmake);
        Assert.Contains("${CMAKE_CURRENT_LIST_DIR}/fake_heavy_core.c", cmake);
        Assert.DoesNotContain("fake_light.c", cmake);
        Assert.Contains("-mcpu=cortex-m7", cmake);
        Assert.Contains("0x24000000", File.ReadAllText(Path.Combine(glue.Directory, "m7", "memory.ld")));
    }

    [Fact]
    public void Emulated_board_gets_self_contained_firmware()
    {
        var glue = BuildGlueWriter.Write(Board("mps2-an386"), model);
        Assert.NotNull(glue.Firmware);
        var fw = Path.Combine(glue.Directory, "firmware");
        Assert.True(File.Exists(Path.Combine(fw, "harness", "dsl_harness_main.c")));
        Assert.True(File.Exists(Path.Combine(fw, "target", "dsl_target.ld")));
        Assert.True(File.Exists(Path.Combine(fw, "target", "memory.ld")));
        var mk = File.ReadAllText(Path.Combine(fw, "fake_mps2_an386_test.mk"));
        Assert.Contains("-DDSL_TARGET_REF_HZ=25000000", mk);
        Assert.Contains("-DDSL_ICOUNT_SHIFT=6", mk);
        Assert.Contains("fake_model.c", mk);
        Assert.Contains("-T dsl_target.ld", mk);
        Assert.Contains("-icount shift=6", File.ReadAllText(Path.Combine(fw, "run_qemu.sh")));
        var again = BuildGlueWriter.Write(Board("mps2-an386"), model);
        Assert.Equal(glue.Files, again.Files);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Emitted_make_fragments_build_with_the_arm_toolchain()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "make"))
        {
            return;
        }

        var glue = BuildGlueWriter.Write(Board("nrf5340-dk"), model);
        foreach (var core in new[] { "net", "app" })
        {
            var dir = Path.Combine(glue.Directory, core);
            var r = ToolRunner.Run("make", ["-f", $"fake_{core}.mk"], TimeSpan.FromMinutes(2), dir);
            Assert.True(r.Succeeded, r.StdOut + r.StdErr);
            Assert.True(File.Exists(Path.Combine(dir, "build", $"libfake_{core}.a")));
        }

        var fwGlue = BuildGlueWriter.Write(Board("mps2-an386"), model);
        var fw = Path.Combine(fwGlue.Directory, "firmware");
        var build = ToolRunner.Run("make", ["-f", "fake_mps2_an386_test.mk"], TimeSpan.FromMinutes(2), fw);
        Assert.True(build.Succeeded, build.StdOut + build.StdErr);
        var elf = Path.Combine(fw, "build", "fake_mps2_an386_test.elf");
        Assert.True(ArmSize.Read(elf).Text > 0);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Emitted_cmake_projects_build_and_the_firmware_runs()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "cmake", "make", QemuRunner.Executable))
        {
            return;
        }

        var board = Board("mps3-an547");
        var glue = BuildGlueWriter.Write(board, model);
        var fw = Path.Combine(glue.Directory, "firmware");
        var configure = ToolRunner.Run("cmake", ["-S", fw, "-B", Path.Combine(fw, "build")], TimeSpan.FromMinutes(2));
        Assert.True(configure.Succeeded, configure.StdOut + configure.StdErr);
        var build = ToolRunner.Run("cmake", ["--build", Path.Combine(fw, "build")], TimeSpan.FromMinutes(2));
        Assert.True(build.Succeeded, build.StdOut + build.StdErr);
        var elf = Path.Combine(fw, "build", "fake_mps3_an547_test.elf");
        var pcm = Path.Combine(temp, "in.pcm");
        var audio = FakeModel.Audio(12);
        FakeModel.WritePcm(pcm, audio);
        var trace = HarnessRunner.RunOnQemu(board, elf, pcm, Path.Combine(temp, "cmake-trace.bin"), TimeSpan.FromSeconds(60)).TraceOrThrow();
        FakeModel.AssertSameOutputs(FakeModel.Expected(audio), trace);

        var core = Path.Combine(BuildGlueWriter.Write(Board("stm32h747i-disco"), model).Directory, "m4");
        var lib = ToolRunner.Run("cmake", ["-S", core, "-B", Path.Combine(core, "build")], TimeSpan.FromMinutes(2));
        Assert.True(lib.Succeeded, lib.StdOut + lib.StdErr);
        var libBuild = ToolRunner.Run("cmake", ["--build", Path.Combine(core, "build")], TimeSpan.FromMinutes(2));
        Assert.True(libBuild.Succeeded, libBuild.StdOut + libBuild.StdErr);
        Assert.True(File.Exists(Path.Combine(core, "build", "libfake_m4.a")));
    }

    [Fact]
    public void Library_glue_puts_the_core_flags_on_compile_and_link()
    {
        var glue = BuildGlueWriter.Write(Board("nrf5340-dk"), model);
        var net = File.ReadAllText(Path.Combine(glue.Directory, "net", "CMakeLists.txt"));
        Assert.Contains("target_compile_options(fake_net PUBLIC -mcpu=cortex-m33+nodsp -mthumb -mfloat-abi=soft)", net);
        Assert.Contains("target_link_options(fake_net INTERFACE -mcpu=cortex-m33+nodsp -mthumb -mfloat-abi=soft)", net);
        var app = File.ReadAllText(Path.Combine(glue.Directory, "app", "CMakeLists.txt"));
        Assert.Contains("target_link_options(fake_app INTERFACE -mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard)", app);
        var mk = File.ReadAllText(Path.Combine(glue.Directory, "app", "fake_app.mk"));
        Assert.Contains("FAKE_APP_LDFLAGS := $(FAKE_APP_TARGET_FLAGS) -L$(FAKE_APP_DIR)", mk);
    }

    [Theory]
    [InlineData("stm32h747i-disco")]
    [InlineData("stm32f407g-disc1")]
    public void Core_folders_ship_their_linker_script_and_the_startup_on_request(string boardName)
    {
        var board = Board(boardName);
        var plain = BuildGlueWriter.Write(board, model, Path.Combine(temp, "plain"));
        var started = BuildGlueWriter.Write(board, model, Path.Combine(temp, "started"), withStartup: true);
        foreach (var core in plain.Cores)
        {
            var dir = core.LinkerScriptDir!;
            var name = core.Name;
            Assert.Contains(Path.Combine(dir, BuildGlueWriter.AppLinkerScript), plain.Files);
            Assert.Contains("INCLUDE memory.ld", File.ReadAllText(Path.Combine(dir, BuildGlueWriter.AppLinkerScript)));
            Assert.DoesNotContain("runtime-c/target", File.ReadAllText(Path.Combine(dir, "memory.ld")));
            Assert.False(File.Exists(Path.Combine(dir, BuildGlueWriter.AppStartup)));
            Assert.DoesNotContain("_startup", File.ReadAllText(Path.Combine(dir, "CMakeLists.txt")));
            Assert.DoesNotContain("STARTUP", File.ReadAllText(Path.Combine(dir, name + ".mk")));

            var startedDir = Path.Combine(started.Directory, Path.GetFileName(dir));
            Assert.Contains(Path.Combine(startedDir, BuildGlueWriter.AppStartup), started.Files);
            var cmake = File.ReadAllText(Path.Combine(startedDir, "CMakeLists.txt"));
            Assert.Contains($"add_library({name}_startup OBJECT ${{CMAKE_CURRENT_LIST_DIR}}/dsl_app_startup.c)", cmake);
            Assert.Contains($"-nostartfiles -L${{CMAKE_CURRENT_LIST_DIR}} \"-T${{CMAKE_CURRENT_LIST_DIR}}/dsl_app.ld\")", cmake);
            var v = name.ToUpperInvariant();
            var mk = File.ReadAllText(Path.Combine(startedDir, name + ".mk"));
            Assert.Contains($"{v}_STARTUP_OBJECT := $({v}_BUILD)/dsl_app_startup.o", mk);
            Assert.Contains($"{v}_IMAGE_LDFLAGS := $({v}_LDFLAGS) -nostartfiles -T $({v}_LINKER_SCRIPT)", mk);
            Assert.Contains($"$({v}_STARTUP_OBJECT): $({v}_DIR)/dsl_app_startup.c | $({v}_BUILD)", mk);
        }
    }

    [Fact]
    public void Startup_compiles_without_warnings_for_every_core_of_every_board()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        var startup = Path.Combine(FakeModel.Repo.TargetDir, "app", BuildGlueWriter.AppStartup);
        var flagSets = Directory.EnumerateFiles(FakeModel.Repo.BoardsDir, "*.yaml")
            .Select(f => BoardProfileLoader.Load(Path.GetFileNameWithoutExtension(f), FakeModel.Repo.BoardsDir))
            .SelectMany(b => b.Cores.Select(c => c.GccFlags))
            .Select(f => string.Join(" ", f)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(flagSets.Count >= 4);
        foreach (var flags in flagSets)
        {
            var r = ToolRunner.Run("arm-none-eabi-gcc",
                [.. flags.Split(' '), .. BuildPlanner.CommonCFlags, .. BuildPlanner.TargetCFlags, "-Werror", "-c", startup, "-o", Path.Combine(temp, "startup.o")],
                TimeSpan.FromMinutes(1));
            Assert.True(r.Succeeded, $"{flags}: {r.StdErr}");
            Assert.Equal("", r.StdErr);
        }
    }
}
