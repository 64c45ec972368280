using System.Text.RegularExpressions;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// On a two-core board each path is emitted and compiled in the kernel variant of the core that runs it (mps2-an521:
/// light on CPU0 portable, heavy on CPU1 dsp): its specialised code, its weight layout, the runtime kernels its core
/// compiles and the variant dsl_config.h names for that core. Single-core boards keep one flat variant.
/// </summary>
public sealed partial class PathVariantsTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-path-variants-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static ModelProgram Program => Compiled.Value.Program;

    private static string RuntimeDir => FakeModel.Repo.RuntimeDir;

    private static BoardProfile Board(string name) => BoardProfileLoader.Load(name, FakeModel.Repo.BoardsDir);

    private static IEnumerable<string> ConvNodes(PathProgram path) =>
        path.Steps.Select(TransposedConvAsConv.EmittedConv).OfType<ConvStep>().Select(s => s.Node);

    private string Emit(string name, EmitOptions options)
    {
        var dir = Path.Combine(_work, name);
        CEmitter.Emit(Program, dir, options);
        return dir;
    }

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [GeneratedRegex(@"const int32_t \w+_w\[")]
    private static partial Regex Pairs4Array();

    [Fact]
    public void An521_heavy_path_gets_dsp_code_and_pairs4_weights_the_light_path_neither()
    {
        var board = Board("mps2-an521");
        var variants = PathVariants.Of(board);
        Assert.Equal(new PathVariants(KernelVariant.Portable, KernelVariant.Dsp), variants);
        var plan = WeightLayoutPlan.Choose(Program, variants, board);
        Assert.NotEmpty(plan.Pairs4Nodes);
        Assert.True(plan.Pairs4Nodes.IsSubsetOf(ConvNodes(Program.Heavy)), string.Join(", ", plan.Pairs4Nodes));
        Assert.NotEmpty(ConvNodes(Program.Light));

        var dir = Emit("an521", EmitOptions.For(RuntimeDir, variants, plan));
        var m = Program.Name;
        Assert.Contains("#include \"dsl_runtime/dsl_kernel_dsp.h\"", Read(dir, $"{m}_heavy.c"));
        Assert.Contains("pairs4_body", Read(dir, $"{m}_heavy.c"));
        Assert.Matches(Pairs4Array(), Read(dir, $"{m}_weights_heavy.c"));
        Assert.DoesNotContain("dsl_kernel_dsp.h", Read(dir, $"{m}_light.c"));
        Assert.DoesNotContain("dsl_dsp_", Read(dir, $"{m}_light.c"));
        Assert.DoesNotMatch(Pairs4Array(), Read(dir, $"{m}_weights_light.c"));
    }

    [Fact]
    public void The_choice_follows_the_path_not_the_board_order()
    {
        // The mirror image of mps2-an521 (light core dsp, heavy core portable): everything swaps sides.
        var variants = new PathVariants(KernelVariant.Dsp, KernelVariant.Portable);
        var plan = WeightLayoutPlan.Choose(Program, variants, null);
        Assert.NotEmpty(plan.Pairs4Nodes);
        Assert.True(plan.Pairs4Nodes.IsSubsetOf(ConvNodes(Program.Light)), string.Join(", ", plan.Pairs4Nodes));
        Assert.Empty(plan.Pairs4Nodes.Intersect(ConvNodes(Program.Heavy)));

        // A plan naming every candidate still gives the portable path int8 weights: the layout has a dsp body only.
        var everything = WeightLayoutPlan.Choose(Program, KernelVariant.Dsp, ConvSpecialisation.For(KernelVariant.Dsp), null);
        var dir = Emit("mirror", EmitOptions.For(RuntimeDir, variants, everything));
        var m = Program.Name;
        Assert.Contains("dsl_kernel_dsp.h", Read(dir, $"{m}_light.c"));
        Assert.Matches(Pairs4Array(), Read(dir, $"{m}_weights_light.c"));
        Assert.DoesNotContain("dsl_kernel_dsp.h", Read(dir, $"{m}_heavy.c"));
        Assert.DoesNotMatch(Pairs4Array(), Read(dir, $"{m}_weights_heavy.c"));
    }

    [Fact]
    public void Each_core_builds_its_own_variants_kernels()
    {
        // Library kernels (nothing specialised), so the heavy path calls kernels that have dsp files.
        var board = Board("mps2-an521");
        var options = new EmitOptions(RuntimeDir, KernelVariant.Portable, ConvSpecialisation.None, null, KernelVariant.Dsp);
        var dir = Emit("library", options);
        var runtime = Path.Combine(dir, "dsl_runtime");
        Assert.Empty(Directory.GetFiles(runtime, "*.c"));
        var portable = Directory.GetFiles(Path.Combine(runtime, "portable")).Select(Path.GetFileName).OfType<string>().ToList();
        var dsp = Directory.GetFiles(Path.Combine(runtime, "dsp")).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.NotEmpty(dsp);
        Assert.True(dsp.ToHashSet().IsSubsetOf(portable), string.Join(", ", dsp));
        foreach (var f in dsp)
            Assert.Equal(File.ReadAllBytes(Path.Combine(RuntimeDir, "src", "dsp", f)), File.ReadAllBytes(Path.Combine(runtime, "dsp", f)));
        Assert.False(Directory.Exists(Path.Combine(runtime, "mve")));

        var plans = BuildPlanner.ForBoard(board, ModelFolder.Load(dir, Program.Name), Path.Combine(_work, "glue"));
        var light = Assert.Single(plans, p => p.Role == "light");
        var heavy = Assert.Single(plans, p => p.Role == "heavy");
        string Kernel(string source) => Path.GetRelativePath(runtime, source).Replace('\\', '/');
        var lightKernels = light.Sources.Where(s => s.StartsWith(runtime, StringComparison.Ordinal)).Select(Kernel).ToList();
        var heavyKernels = heavy.Sources.Where(s => s.StartsWith(runtime, StringComparison.Ordinal)).Select(Kernel).ToList();
        Assert.All(lightKernels, k => Assert.StartsWith("portable/", k));
        Assert.All(dsp, f => Assert.Contains("dsp/" + f, heavyKernels));
        Assert.All(dsp, f => Assert.DoesNotContain("portable/" + f, heavyKernels));
        Assert.Equal(lightKernels.Count, heavyKernels.Count);
    }

    [Fact]
    public void A_path_in_dsp_is_refused_on_a_core_without_dsp_before_compiling()
    {
        var board = Board("mps2-an521");
        var fitting = ModelFolder.Load(Emit("fitting", EmitOptions.For(RuntimeDir, PathVariants.Of(board))), Program.Name);
        Assert.Equal(2, BuildPlanner.ForBoard(board, fitting, Path.Combine(_work, "glue1")).Count);

        // Swapped: the dsp code of the light path would land on CPU0, which has no DSP.
        var swapped = ModelFolder.Load(Emit("swapped", EmitOptions.For(RuntimeDir, new PathVariants(KernelVariant.Dsp, KernelVariant.Portable))), Program.Name);
        var e = Assert.Throws<Diagnostics.DslException>(() => BuildPlanner.ForBoard(board, swapped, Path.Combine(_work, "glue2")));
        Assert.Equal(Diagnostics.DslErrorCode.Board, e.Code);
        Assert.Contains($"{Program.Name}_light.c: the path was emitted with dsp kernels", e.Message);
        Assert.Contains("core 'cpu0'", e.Message);
    }

    [Theory]
    [InlineData("mps2-an386", KernelVariant.Dsp)]
    [InlineData("mps3-an547", KernelVariant.Mve)]
    [InlineData("mps2-an385", KernelVariant.Portable)]
    [InlineData("imxrt1170-evk", KernelVariant.Dsp)]
    public void Boards_whose_path_cores_share_a_variant_keep_one_flat_variant(string boardName, KernelVariant variant)
    {
        var board = Board(boardName);
        var variants = PathVariants.Of(board);
        Assert.Equal(PathVariants.Uniform(board.CommonKernelVariant), variants);
        var dir = Emit(boardName, EmitOptions.For(RuntimeDir, variants, WeightLayoutPlan.Choose(Program, variants, board)));
        var runtime = Path.Combine(dir, "dsl_runtime");
        Assert.Empty(Directory.GetDirectories(runtime));
        Assert.NotEmpty(Directory.GetFiles(runtime, "*.c"));
        var config = Read(dir, "dsl_config.h");
        Assert.Contains($"\n#define DSL_KERNEL_VARIANT_{variant.ToString().ToUpperInvariant()} 1\n", config);
        Assert.DoesNotContain("#if defined", config);
        Assert.Equal(variant, ModelFolder.Load(dir, Program.Name).EmittedVariant);
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public void Dsl_config_names_the_variant_of_the_core_that_compiles_it()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc"))
        {
            return;
        }

        foreach (var boardName in new[] { "mps2-an521", "nrf5340-dk" })
        {
            var board = Board(boardName);
            var dir = Emit(boardName, EmitOptions.For(RuntimeDir, PathVariants.Of(board)));
            foreach (var core in new[] { board.Light, board.Heavy })
            {
                var run = ToolRunner.Run("arm-none-eabi-gcc", [.. core.GccFlags, "-E", "-dM", Path.Combine(dir, "dsl_config.h")], TimeSpan.FromMinutes(1));
                Assert.True(run.Succeeded, run.StdErr);
                var named = Enum.GetValues<KernelVariant>()
                    .Where(v => run.StdOut.Contains($"#define DSL_KERNEL_VARIANT_{v.ToString().ToUpperInvariant()} 1", StringComparison.Ordinal));
                Assert.Equal(new[] { core.KernelVariant }, named.ToArray());
            }
        }
    }
}
