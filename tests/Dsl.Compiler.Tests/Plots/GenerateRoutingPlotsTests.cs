using System.Text.RegularExpressions;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Plots;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Plots;

/// <summary>dslc generate writes the routing plots beside report.md and links them from its "Routing" section: from
/// the test audio, from the calibration audio when dsl.json lists no test audio, and a line saying why when there
/// is nothing to route.</summary>
public sealed partial class GenerateRoutingPlotsTests
{
    [Fact]
    public void Generate_on_the_tiny_fixture_writes_the_plots_and_links_them()
    {
        string report = Generate(Fixtures.TinyDsl, out string dir);

        Assert.Contains("## Routing", report);
        Assert.Contains("the model's test audio (1 clip(s))", report);
        string[] links = ImageLinks().Matches(report).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal([$"{RoutingPlots.Folder}/{RoutingPlots.RoutingFile}", $"{RoutingPlots.Folder}/{RoutingPlots.ScoresFile}"], links);
        foreach (string link in links)
        {
            SvgFile.Load(Path.Combine(dir, link)); // exists and is well-formed
        }

        Assert.Contains(".dslc-output", Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Contains($"{RoutingPlots.Folder}/{RoutingPlots.RoutingFile}", File.ReadAllText(Path.Combine(dir, ".dslc-output")));
    }

    [Fact]
    public void Two_generate_runs_write_the_same_plot_bytes()
    {
        Generate(Fixtures.TinyDsl, out string a);
        Generate(Fixtures.TinyDsl, out string b);
        foreach (string file in new[] { RoutingPlots.RoutingFile, RoutingPlots.ScoresFile })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, RoutingPlots.Folder, file)), File.ReadAllBytes(Path.Combine(b, RoutingPlots.Folder, file)));
        }
    }

    [Fact]
    public void Without_test_audio_the_plots_come_from_the_calibration_audio()
    {
        string model = CopyOfTiny(withTest: false);
        string report = Generate(Path.Combine(model, "dsl.json"), out string dir);
        Assert.Contains("the model's calibration audio (1 clip(s))", report);
        Assert.True(File.Exists(Path.Combine(dir, RoutingPlots.Folder, RoutingPlots.ScoresFile)));
    }

    [Fact]
    public void Test_audio_that_cannot_be_read_skips_the_plots_with_the_reason()
    {
        string model = CopyOfTiny(withTest: true);
        WavFile.WriteMono16(Path.Combine(model, "test", "short.wav"), new short[5], 16000); // less than one frame

        string report = Generate(Path.Combine(model, "dsl.json"), out string dir);
        Assert.Contains("No plots: the audio to route could not be read (", report);
        Assert.Contains("short.wav", report);
        Assert.False(Directory.Exists(Path.Combine(dir, RoutingPlots.Folder)));
    }

    /// <summary>The tiny fixture in a temporary folder, with or without its "test" audio.</summary>
    private static string CopyOfTiny(bool withTest)
    {
        string model = Directory.CreateTempSubdirectory("dslc-tiny-").FullName;
        string fixture = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        File.Copy(Path.Combine(fixture, "model.onnx"), Path.Combine(model, "model.onnx"));
        foreach (string folder in withTest ? new[] { "calibration", "test" } : ["calibration"])
        {
            Directory.CreateDirectory(Path.Combine(model, folder));
            File.Copy(Path.Combine(fixture, folder, "synth.wav"), Path.Combine(model, folder, "synth.wav"));
        }

        string json = File.ReadAllText(Fixtures.TinyDsl);
        string written = withTest ? json : TestField().Replace(json, "");
        Assert.True(withTest || written != json, "the test field was removed");
        File.WriteAllText(Path.Combine(model, "dsl.json"), written);
        return model;
    }

    [Fact]
    public void Nothing_to_route_is_a_line_saying_why_and_no_file()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-noplot-").FullName;
        string section = RoutingPlots.Write(null, dir, "the model has no test or calibration audio");
        Assert.Contains("No plots: the model has no test or calibration audio.", section);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    private static string Generate(string model, out string dir)
    {
        dir = Path.Combine(Directory.CreateTempSubdirectory("dslc-plots-").FullName, "out");
        DslcProcess.Result r = DslcProcess.Run(["generate", "-m", model, "-o", dir, "-q"]);
        Assert.True(r.Code == 0, r.StdErr);
        return File.ReadAllText(Path.Combine(dir, "report.md"));
    }

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex ImageLinks();

    [GeneratedRegex(@",\s*""test"":\s*\[[^\]]*\]")]
    private static partial Regex TestField();
}
