using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// Bounded replay from the command line and dsl.json: --replay-frames above R is a usage error naming R and writes
/// nothing; dsl.json 'replay_frames' above R is a dsl.json error naming the field; a K below R generates with a
/// warning naming K and R, K in the header and report.md saying the replay is bounded.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ReplayFramesCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dslc-replay-frames-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Replay_frames_above_r_is_a_usage_error_and_writes_nothing()
    {
        string outDir = Path.Combine(dir, "out");
        (int code, _, string error) = CliRun.Dslc(["generate", "-m", Fixtures.TinyDsl, "--replay-frames", "3", "-o", outDir, "-q"]);
        Assert.Equal((int)DslErrorCode.Usage, code);
        Assert.Contains("--replay-frames 3", error);
        Assert.Contains("R = 2", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Dsl_json_replay_frames_above_r_is_a_manifest_error_naming_the_field()
    {
        string model = CopyTinyWith("\"replay_frames\": 5");
        (int code, _, string error) = CliRun.Dslc(["generate", "-m", model, "-o", Path.Combine(dir, "out"), "-q"]);
        Assert.Equal((int)DslErrorCode.Manifest, code);
        Assert.Contains("'replay_frames'", error);
        Assert.Contains("R = 2", error);
    }

    [Fact]
    public void K_below_r_generates_with_a_warning_and_says_so_in_the_header_and_report()
    {
        string model = CopyTinyWith("\"replay_frames\": 0");
        string outDir = Path.Combine(dir, "out");
        // the option wins over dsl.json
        (int code, _, string error) = CliRun.Dslc(["generate", "-m", model, "--replay-frames", "1", "-o", outDir, "-q"]);
        Assert.Equal(0, code);
        Assert.Contains("dslc: warning: bounded replay", error);
        Assert.Contains("K = 1 of the R = 2", error);
        Assert.Contains("#define TINY_DSL_REPLAY_FRAMES        1 ", File.ReadAllText(Path.Combine(outDir, "tiny_dsl.h")));
        Assert.Contains("Bounded replay K = 1 < R = 2", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    /// <summary>The tiny fixture in a folder of its own, its dsl.json with one more field.</summary>
    private string CopyTinyWith(string field)
    {
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        string model = Path.Combine(dir, "model");
        foreach (string sub in new[] { "calibration", "test" })
        {
            Directory.CreateDirectory(Path.Combine(model, sub));
            foreach (string f in Directory.GetFiles(Path.Combine(source, sub)))
            {
                File.Copy(f, Path.Combine(model, sub, Path.GetFileName(f)));
            }
        }

        File.Copy(Path.Combine(source, "model.onnx"), Path.Combine(model, "model.onnx"));
        string json = File.ReadAllText(Fixtures.TinyDsl).TrimEnd().TrimEnd('}') + ", " + field + " }";
        File.WriteAllText(Path.Combine(model, "dsl.json"), json);
        return model;
    }
}
