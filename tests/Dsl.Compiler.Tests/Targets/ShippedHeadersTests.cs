using Dsl.Compiler.Boards;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Emit;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>dsl_runtime/ holds the headers the emitted code and kernels include, and no others: per kernel
/// variant, for two variants in one folder, and with a board's core folders.</summary>
public sealed class ShippedHeadersTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "dsl-headers-" + Guid.NewGuid().ToString("N"));

    public ShippedHeadersTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, true);

    private string Emit(PathVariants variants, string name = "tiny")
    {
        var dir = Path.Combine(temp, $"{name}_{variants.Light}_{variants.Heavy}".ToLowerInvariant());
        CEmitter.Emit(EmitTestPrograms.Tiny(name), dir, EmitOptions.For(FakeModel.Repo.RuntimeDir, variants));
        return dir;
    }

    private static string[] RuntimeHeaders(string dir) =>
        Directory.GetFiles(Path.Combine(dir, "dsl_runtime"), "*.h").Select(Path.GetFileName).OfType<string>().ToArray();

    [Theory]
    [InlineData(KernelVariant.Portable, KernelVariant.Portable)]
    [InlineData(KernelVariant.Dsp, KernelVariant.Dsp)]
    [InlineData(KernelVariant.Mve, KernelVariant.Mve)]
    [InlineData(KernelVariant.Portable, KernelVariant.Dsp)]
    [InlineData(KernelVariant.Dsp, KernelVariant.Mve)]
    public void Every_shipped_header_is_included_and_every_include_resolves(KernelVariant light, KernelVariant heavy)
    {
        var dir = Emit(new PathVariants(light, heavy));
        Assert.Empty(ShippedIncludes.Problems(dir, []));
        Assert.Contains("dsl_kernels.h", RuntimeHeaders(dir));
    }

    [Fact]
    public void A_variant_gets_none_of_another_variants_headers()
    {
        var dsp = RuntimeHeaders(Emit(PathVariants.Uniform(KernelVariant.Dsp)));
        Assert.DoesNotContain(dsp, h => h.Contains("_mve", StringComparison.Ordinal));
        Assert.Contains(dsp, h => h.Contains("_dsp", StringComparison.Ordinal));
        var mve = RuntimeHeaders(Emit(PathVariants.Uniform(KernelVariant.Mve)));
        Assert.DoesNotContain(mve, h => h.Contains("_dsp", StringComparison.Ordinal));
        Assert.Contains(mve, h => h.Contains("_mve", StringComparison.Ordinal));
        var portable = RuntimeHeaders(Emit(PathVariants.Uniform(KernelVariant.Portable)));
        Assert.DoesNotContain(portable, h => h.Contains("_mve", StringComparison.Ordinal) || h.Contains("_dsp", StringComparison.Ordinal));
        // The two-core protocol header is copied into each core folder by the glue, never into dsl_runtime/.
        Assert.DoesNotContain(TwoCoreSources.ProtocolHeader, portable);
    }

    [Theory]
    [InlineData("stm32h747i-disco")]
    [InlineData("nrf5340-dk")]
    [InlineData("mps3-an547")]
    public void Model_and_core_folders_of_a_board_are_consistent(string boardName)
    {
        var board = BoardProfileLoader.Load(boardName, FakeModel.Repo.BoardsDir);
        var model = ModelFolder.Load(Emit(PathVariants.Of(board)));
        var glue = BuildGlueWriter.Write(board, model, Path.Combine(model.Directory, "boards", board.Name), FakeModel.Repo, withStartup: true);
        Assert.Empty(ShippedIncludes.Problems(model.Directory, glue.Cores.Select(c => c.LinkerScriptDir!)));
    }
}
