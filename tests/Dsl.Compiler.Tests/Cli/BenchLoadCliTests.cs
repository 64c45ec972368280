using System.Globalization;
using System.Text.Json;
using Dsl.Compiler.Tests.Targets;

namespace Dsl.Compiler.Tests.Cli;

/// <summary><c>dslc bench</c> appends the measured load per core: on one core the worst frame is a light frame plus
/// the heavy path's largest frame (a replay burst), between the heavy maximum and the sum of both maxima. Audio models and
/// classifier heads (whose heavy output is a scores vector, not an audio frame) alike.</summary>
public sealed class BenchLoadCliTests
{
    public static TheoryData<string> Models => new() { Fixtures.TinyDsl, Fixtures.TinyGc };

    [Theory]
    [MemberData(nameof(Models))]
    public void Bench_appends_the_measured_mean_p99_and_worst_load_per_core(string model)
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", Dsl.Compiler.Toolchain.QemuRunner.Executable))
        {
            return;
        }

        string dir = Directory.CreateTempSubdirectory("dslc-bench-load-").FullName;
        string md = Path.Combine(dir, "bench.md");
        DslcProcess.Result r = DslcProcess.Run("bench", "-m", model, "-b", "mps2-an386", "-o", md, "--work", Path.Combine(dir, "work"), "-q");
        Assert.True(r.Code == 0, r.StdErr);

        string text = File.ReadAllText(md);
        Assert.Contains("## Measured load per core", text);
        string row = Assert.Single(text.Split('\n'), l => l.StartsWith("| mps2-an386 | m4 | light + heavy |", StringComparison.Ordinal));
        string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
        long Cell(int i) => long.Parse(cells[i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        long p99 = Cell(7), worst = Cell(8);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(md, ".json")));
        JsonElement[] paths = json.RootElement.GetProperty("paths").EnumerateArray().ToArray();
        long lightMax = paths.Single(p => p.GetProperty("path").GetString() == "light").GetProperty("instructions_per_frame_max").GetInt64();
        long heavyMax = paths.Single(p => p.GetProperty("path").GetString() == "heavy").GetProperty("instructions_per_frame_max").GetInt64();
        Assert.InRange(worst, heavyMax, lightMax + heavyMax);
        Assert.InRange(p99, 1, worst);
    }
}
