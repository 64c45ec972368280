using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;

namespace Dsl.Compiler.Tests.Boards;

public class BoardProfileLoaderTests
{
    private static readonly string BoardsDir = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;

    private const string Valid = """
        name: test-board
        description: a test board
        source: made up
        cores:
          - id: big
            cpu: cortex-m7
            fpu: fpv5-d16
            dsp: true
            mve: false
            clock_hz: 100_000_000
            gcc_flags: [-mcpu=cortex-m7, -mthumb, -mfpu=fpv5-d16, -mfloat-abi=hard]
            kernel_variant: dsp
            memory:
              flash: { origin: 0x08000000, size: 1M }
              ram:   { origin: 0x24000000, size: 512K }
          - id: little
            cpu: cortex-m4
            fpu: none
            dsp: true
            mve: false
            clock_hz: 50_000_000
            gcc_flags: [-mcpu=cortex-m4, -mthumb, -mfloat-abi=soft]
            kernel_variant: portable
            memory:
              flash: { origin: 0x08100000, size: 1M }
              ram:   { origin: 0x30000000, size: 128K }
        paths:
          light: little
          heavy: big
        shared: { origin: 0x38000000, size: 64K }
        """;

    public static TheoryData<string> ShippedBoards()
    {
        var data = new TheoryData<string>();
        foreach (var n in BoardProfileLoader.ListNames(BoardsDir))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedBoards))]
    public void Every_shipped_profile_loads(string name)
    {
        var b = BoardProfileLoader.Load(name, BoardsDir);
        Assert.Equal(name, b.Name);
        Assert.NotEmpty(b.Source);
        Assert.Contains(b.Cores, c => c.Id == b.LightCore);
        Assert.Contains(b.Cores, c => c.Id == b.HeavyCore);
        if (b.IsEmulated)
        {
            // An emulated board with two path cores says how QEMU loads and starts the heavy one.
            Assert.Equal(b.IsSingleCore, b.Qemu!.HeavyCore is null);
        }
    }

    [Fact]
    public void Shipped_set_has_the_required_boards()
    {
        var names = BoardProfileLoader.ListNames(BoardsDir);
        foreach (var n in new[] { "mps2-an385", "mps2-an386", "mps2-an500", "mps2-an505", "mps3-an547", "stm32h747i-disco", "imxrt1170-evk", "nrf5340-dk", "alif-ensemble-e7" })
        {
            Assert.Contains(n, names);
        }

        var all = BoardProfileLoader.LoadAll(BoardsDir);
        Assert.Equal(6, all.Count(b => b.IsEmulated));
        Assert.Single(all, b => b.IsEmulated && !b.IsSingleCore);
        // Every kernel variant runs under QEMU somewhere (build.cake validates both rounding rules on one of each).
        Assert.Equal(Enum.GetValues<KernelVariant>().Order(), all.Where(b => b.IsEmulated).Select(b => b.CommonKernelVariant).Distinct().Order());
        Assert.Contains(all, b => !b.IsEmulated && b.IsSingleCore && b.Light.Cpu == "cortex-m4");
    }

    [Fact]
    public void Emulated_m4_profile_has_qemu_settings_and_dsp_kernels()
    {
        var b = BoardProfileLoader.Load("mps2-an386", BoardsDir);
        Assert.Equal("mps2-an386", b.Qemu!.Machine);
        Assert.Equal(25_000_000, b.Qemu.SysTickRefHz);
        Assert.Equal(KernelVariant.Dsp, b.Light.KernelVariant);
        Assert.Equal(0x20000000UL, b.Light.Ram.Origin);
        Assert.Equal(4UL * 1024 * 1024, b.Light.Flash.Size);
        Assert.Equal(0.625, b.Qemu.InstructionsPerTick, 6);
    }

    [Fact]
    public void Dual_core_boards_put_light_on_the_low_power_core()
    {
        Assert.Equal("m4", BoardProfileLoader.Load("stm32h747i-disco", BoardsDir).LightCore);
        Assert.Equal("net", BoardProfileLoader.Load("nrf5340-dk", BoardsDir).LightCore);
        Assert.Equal("he", BoardProfileLoader.Load("alif-ensemble-e7", BoardsDir).LightCore);
        var mve = BoardProfileLoader.Load("mps3-an547", BoardsDir).Light;
        Assert.Equal(KernelVariant.Mve, mve.KernelVariant);
    }

    [Fact]
    public void Valid_text_parses()
    {
        var b = BoardProfileLoader.Parse(Valid, "boards/test-board.yaml");
        Assert.False(b.IsSingleCore);
        Assert.Equal(64UL * 1024, b.Shared!.Size);
        Assert.Equal(KernelVariant.Portable, b.Light.KernelVariant);
    }

    private static DslException Fails(string yaml)
    {
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Parse(yaml, "boards/test-board.yaml"));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.StartsWith("boards/test-board.yaml:", e.Message);
        return e;
    }

    [Theory]
    [InlineData("-O2 -g")]
    [InlineData("-DX=1;rm")]
    [InlineData("-DNAME=\"x\"")]
    [InlineData("-DNAME='x'")]
    [InlineData("-I$HOME")]
    [InlineData("-I`pwd`")]
    [InlineData("-DX=$(shell id)")]
    [InlineData("mthumb")]
    public void Gcc_flag_that_needs_quoting_is_refused_with_the_entry(string flag)
    {
        var e = Fails(Valid.Replace("-mcpu=cortex-m4, -mthumb,", $"-mcpu=cortex-m4, \"{flag.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\", -mthumb,"));
        Assert.Contains("cores[1].gcc_flags", e.Message);
        Assert.Contains($"'{flag}' is not a single gcc flag", e.Message);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("my board")]
    [InlineData("a;b")]
    public void A_board_name_that_cannot_be_a_folder_name_is_refused(string name)
    {
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Parse(Valid.Replace("name: test-board", $"name: \"{name}\""), $"boards/{name}.yaml"));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.Contains("name: ", e.Message);
        Assert.Contains("output folder", e.Message);
    }

    [Fact]
    public void Gcc_flags_with_equals_comma_and_plus_are_accepted()
    {
        var b = BoardProfileLoader.Parse(
            Valid.Replace("-mcpu=cortex-m4, -mthumb,", "-mcpu=cortex-m4, -mthumb, \"-Wl,--gc-sections\", -DBOARD_HZ=50000000, -mbranch-protection=pac-ret+leaf,"),
            "boards/test-board.yaml");
        Assert.Contains("-Wl,--gc-sections", b.Light.GccFlags);
    }

    [Fact]
    public void Missing_field_is_located()
    {
        var e = Fails(Valid.Replace("    clock_hz: 50_000_000\n", ""));
        Assert.Contains("cores[1].clock_hz", e.Message);
        Assert.Contains("required", e.Message);
    }

    [Fact]
    public void Unknown_cpu_lists_allowed_ones()
    {
        var e = Fails(Valid.Replace("cpu: cortex-m4", "cpu: cortex-m5").Replace("-mcpu=cortex-m4", "-mcpu=cortex-m5"));
        Assert.Contains("cores[1].cpu", e.Message);
        Assert.Contains("unknown cpu 'cortex-m5'", e.Message);
        Assert.Contains("cortex-m55", e.Message);
        Assert.Matches(@":\d+:\d+: ", e.Message);
    }

    [Fact]
    public void Overlapping_regions_are_refused()
    {
        var e = Fails(Valid.Replace("ram:   { origin: 0x30000000, size: 128K }", "ram:   { origin: 0x24010000, size: 128K }"));
        Assert.Contains("cores[1].memory.ram", e.Message);
        Assert.Contains("overlaps", e.Message);
    }

    [Fact]
    public void Overlap_within_one_core_is_refused()
    {
        var e = Fails(Valid.Replace("ram:   { origin: 0x24000000, size: 512K }", "ram:   { origin: 0x08080000, size: 512K }"));
        Assert.Contains("cores[0].memory.ram", e.Message);
    }

    [Fact]
    public void Shared_region_overlapping_a_core_is_refused()
    {
        var e = Fails(Valid.Replace("shared: { origin: 0x38000000, size: 64K }", "shared: { origin: 0x30010000, size: 64K }"));
        Assert.Contains("shared", e.Message);
        Assert.Contains("overlaps", e.Message);
    }

    [Fact]
    public void Path_on_unknown_core_is_refused()
    {
        var e = Fails(Valid.Replace("heavy: big", "heavy: huge"));
        Assert.Contains("paths.heavy", e.Message);
        Assert.Contains("unknown core 'huge'", e.Message);
        Assert.Contains("big, little", e.Message);
    }

    [Fact]
    public void Unknown_field_is_refused()
    {
        var e = Fails(Valid.Replace("    dsp: true\n    mve: false\n    clock_hz: 50", "    dsp: true\n    mve: false\n    speed: 3\n    clock_hz: 50"));
        Assert.Contains("cores[1].speed", e.Message);
        Assert.Contains("allowed here", e.Message);
    }

    [Fact]
    public void Boot_region_must_not_overlap()
    {
        var ok = BoardProfileLoader.Parse(Valid.Replace("ram:   { origin: 0x30000000, size: 128K }",
            "ram:   { origin: 0x30000000, size: 128K }\n      boot:  { origin: 0x00000000, size: 64K }"), "boards/test-board.yaml");
        Assert.Equal(0UL, ok.Light.Boot!.Origin);
        var e = Fails(Valid.Replace("ram:   { origin: 0x30000000, size: 128K }",
            "ram:   { origin: 0x30000000, size: 128K }\n      boot:  { origin: 0x30000000, size: 64K }"));
        Assert.Contains("cores[1].memory.boot", e.Message);
    }

    [Fact]
    public void Dsp_kernels_need_dsp()
    {
        var e = Fails(Valid.Replace("kernel_variant: portable", "kernel_variant: mve"));
        Assert.Contains("kernel_variant", e.Message);
    }

    [Fact]
    public void Emulated_two_core_board_runs_light_on_cpu0_portable_and_heavy_on_cpu1_dsp()
    {
        var b = BoardProfileLoader.Load("mps2-an521", BoardsDir);
        Assert.False(b.IsSingleCore);
        Assert.Equal(("cpu0", KernelVariant.Portable, "none"), (b.Light.Id, b.Light.KernelVariant, b.Light.Fpu));
        Assert.Contains("-mcpu=cortex-m33+nodsp", b.Light.GccFlags);
        Assert.Equal(("cpu1", KernelVariant.Dsp), (b.Heavy.Id, b.Heavy.KernelVariant));
        Assert.Equal(new QemuHeavyCore("raw", "sse200"), b.Qemu!.HeavyCore);
        Assert.Equal(0x10100000UL, b.Heavy.Flash.Origin);
        Assert.Equal(0x30000000UL, b.Shared!.Origin);
    }

    private const string EmulatedTwoCore = Valid + """

        qemu:
          machine: mps2-an521
          icount_shift: 6
          systick_ref_hz: 20_000_000
          heavy_image: raw
          heavy_start: sse200
        """;

    [Fact]
    public void Emulated_two_core_board_must_say_how_the_heavy_image_is_loaded_and_started()
    {
        Assert.Equal(new QemuHeavyCore("raw", "sse200"), BoardProfileLoader.Parse(EmulatedTwoCore, "boards/test-board.yaml").Qemu!.HeavyCore);
        var e = Fails(EmulatedTwoCore.Replace("heavy_start: sse200", ""));
        Assert.Contains("qemu: light and heavy paths run on two cores ('little', 'big')", e.Message);
        Assert.Contains("heavy_start (sse200", e.Message);
        Assert.Contains("qemu.heavy_image: 'elf' is not supported; allowed: raw", Fails(EmulatedTwoCore.Replace("heavy_image: raw", "heavy_image: elf")).Message);
        Assert.Contains("qemu.heavy_start: 'ipc' is not supported; allowed: sse200", Fails(EmulatedTwoCore.Replace("heavy_start: sse200", "heavy_start: ipc")).Message);
    }

    [Fact]
    public void Heavy_core_settings_on_a_single_core_board_are_refused()
    {
        var single = EmulatedTwoCore.Replace("  light: little\n  heavy: big", "  light: big\n  heavy: big");
        Assert.Contains("qemu.heavy_image: only for boards whose light and heavy paths run on two cores", Fails(single).Message);
    }

    [Fact]
    public void Flags_must_match_cpu_and_fpu()
    {
        Assert.Contains("-mcpu=cortex-m7", Fails(Valid.Replace("-mcpu=cortex-m7,", "-mcpu=cortex-m4,")).Message);
        Assert.Contains("-mfloat-abi=soft", Fails(Valid.Replace("[-mcpu=cortex-m4, -mthumb, -mfloat-abi=soft]", "[-mcpu=cortex-m4, -mthumb, -mfloat-abi=hard]")).Message);
    }

    [Fact]
    public void Dual_core_without_shared_region_is_refused()
    {
        var e = Fails(Valid.Replace("shared: { origin: 0x38000000, size: 64K }", ""));
        Assert.Contains("shared", e.Message);
    }

    [Fact]
    public void Bad_size_and_bad_yaml_are_located()
    {
        Assert.Contains("size", Fails(Valid.Replace("size: 128K", "size: lots")).Message);
        Assert.Contains("not valid YAML", Fails("name: [unclosed").Message);
    }

    [Fact]
    public void Name_must_match_file()
    {
        Assert.Contains("must equal the file name", Fails(Valid.Replace("name: test-board", "name: other")).Message);
    }

    [Fact]
    public void Unknown_board_lists_known_ones()
    {
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Load("no-such-board", BoardsDir));
        Assert.Equal(DslErrorCode.Board, e.Code);
        Assert.Contains("mps2-an386", e.Message);
    }

    [Fact]
    public void Glue_key_names_the_glue_folder_of_a_two_core_board()
    {
        var board = BoardProfileLoader.Parse(Valid + "\nglue: my-soc\n", "boards/test-board.yaml");
        Assert.Equal("my-soc", board.Glue);
        Assert.Null(BoardProfileLoader.Parse(Valid, "boards/test-board.yaml").Glue);
    }

    [Theory]
    [InlineData("My_Soc", "lower-case letters, digits and '-'")]
    [InlineData("../x", "lower-case letters, digits and '-'")]
    public void Glue_key_that_cannot_be_a_folder_name_is_refused(string glue, string expected)
    {
        var e = Fails(Valid + $"\nglue: '{glue}'\n");
        Assert.Contains("glue:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Glue_key_on_a_single_core_board_or_an_emulated_board_is_refused()
    {
        var single = Fails(Valid.Replace("heavy: big", "heavy: little") + "\nglue: my-soc\n");
        Assert.Contains("only for boards whose light and heavy paths run on two cores", single.Message);
        var an521 = File.ReadAllText(Path.Combine(BoardsDir, "mps2-an521.yaml")) + "\nglue: sse200\n";
        var e = Assert.Throws<DslException>(() => BoardProfileLoader.Parse(an521, "boards/mps2-an521.yaml"));
        Assert.Contains("not for emulated boards", e.Message);
    }
}
