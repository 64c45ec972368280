using Dsl.Compiler.Emit;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>The generated two-core sources: which files each core gets, and that they compile warning-free
/// (host gcc and arm-none-eabi-gcc at -O0/-O2/-Os) against a model header (the fake fixture's).</summary>
public sealed class TwoCoreSourcesTests : IDisposable
{
    private readonly string temp;
    private readonly ModelFolder model;

    public TwoCoreSourcesTests()
    {
        model = FakeModel.CopyToTemp(out temp);
    }

    public void Dispose() => Directory.Delete(temp, true);

    [Fact]
    public void Each_core_gets_the_shared_object_the_api_and_only_its_own_entry_points()
    {
        Assert.Equal(["dsl_cores.h", "fake_cores.h", "fake_cores_shared.c", "fake_light_core.c"], TwoCoreSources.For("fake", "light").Select(f => f.Name));
        Assert.Equal(["dsl_cores.h", "fake_cores.h", "fake_cores_shared.c", "fake_heavy_core.c"], TwoCoreSources.For("fake", "heavy").Select(f => f.Name));
        Assert.Equal(TwoCoreSources.For("fake", "light")[2], TwoCoreSources.For("fake", "heavy")[2]);
        Assert.Throws<ArgumentException>(() => TwoCoreSources.For("fake", "light+heavy"));
        var shared = TwoCoreSources.For("fake", "light")[2].Text;
        Assert.Contains("fake_shared_t fake_shared DSL_HANDOFF_IN_SECTION;", shared);
    }

    /// <summary>Both cores' entry points in one host program (tests/fixtures/two_cores/two_core_driver.c) against the
    /// single-core fake_process, at latency 0 (lockstep), 1, the default and 20 (more than the default ring, which grows
    /// with it): a heavy core in time gives the
    /// single-core output at latency L, one frame too slow gives late frames (counted, light fallback), and an
    /// overload that loses frames is counted and exact again after the heavy core's restart.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("20")]
    public void Entry_points_on_the_host_match_the_single_core_call_at_the_latency_and_count_late_frames(string? latency)
    {
        if (!ToolGate.Have("gcc"))
        {
            return;
        }

        var dir = Path.Combine(temp, "both" + latency);
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in TwoCoreSources.For("fake", "light").Concat(TwoCoreSources.For("fake", "heavy")).Distinct())
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }

        File.Copy(Path.Combine(FakeModel.Repo.RuntimeDir, "include", TwoCoreSources.ProtocolHeader), Path.Combine(dir, TwoCoreSources.ProtocolHeader));
        var driver = Path.Combine(FakeModel.Repo.Root, "tests", "fixtures", "two_cores", "two_core_driver.c");
        var exe = Path.Combine(dir, "driver");
        var build = ToolRunner.Run("gcc",
            ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", .. (latency is null ? Array.Empty<string>() : ["-DFAKE_ROUTED_LATENCY_FRAMES=" + latency]), "-I", dir, "-I", model.Directory, driver,
                .. model.LightSources, .. model.HeavySources, .. model.SingleCoreSources, .. Directory.GetFiles(dir, "*.c").Order(StringComparer.Ordinal), "-o", exe],
            TimeSpan.FromMinutes(1));
        Assert.True(build.Succeeded, build.StdErr);
        var run = ToolRunner.Run(exe, [], TimeSpan.FromMinutes(1));
        Assert.True(run.Succeeded, run.StdOut + run.StdErr);
        Assert.Matches(@"checks [1-9][0-9]+ failed 0", run.StdOut);
    }

    [Theory]
    [InlineData("gcc", "-O2")]
    [InlineData("arm-none-eabi-gcc", "-O0")]
    [InlineData("arm-none-eabi-gcc", "-O2")]
    [InlineData("arm-none-eabi-gcc", "-Os")]
    public void Sources_compile_warning_free(string compiler, string opt)
    {
        if (!ToolGate.Have(compiler))
        {
            return;
        }

        string[] target = compiler == "gcc" ? [] : ["-mthumb", "-mcpu=cortex-m7", "-mfpu=fpv5-d16", "-mfloat-abi=hard", "-ffreestanding"];
        foreach (var role in new[] { "light", "heavy" })
        {
            var dir = Path.Combine(temp, role);
            Directory.CreateDirectory(dir);
            foreach (var (name, text) in TwoCoreSources.For("fake", role))
            {
                File.WriteAllText(Path.Combine(dir, name), text);
            }

            File.Copy(Path.Combine(FakeModel.Repo.RuntimeDir, "include", TwoCoreSources.ProtocolHeader), Path.Combine(dir, TwoCoreSources.ProtocolHeader));
            foreach (var c in Directory.GetFiles(dir, "*.c").Order(StringComparer.Ordinal))
            {
                var r = ToolRunner.Run(compiler,
                    [.. target, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", opt, "-I", dir, "-I", model.Directory, "-c", c, "-o", c + ".o"],
                    TimeSpan.FromMinutes(1));
                Assert.True(r.Succeeded && r.StdErr.Trim().Length == 0, $"{compiler} {opt} {c}:\n{r.StdErr}");
            }
        }
    }
}
