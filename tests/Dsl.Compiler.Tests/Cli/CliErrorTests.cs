using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>Bad input gives one clear line, the error family's exit code, and no output.</summary>
[Collection(CliCollection.Name)]
public sealed class CliErrorTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        (int code, _, string error) = CliRun.Dslc(args);
        return (code, error);
    }

    private static string TempDir() => Directory.CreateTempSubdirectory("dslc-cli-").FullName;

    [Fact]
    public void Missing_model_is_an_io_error_and_writes_nothing()
    {
        string dir = TempDir();
        string outDir = Path.Combine(dir, "out");
        (int code, string error) = Run("generate", "-m", Path.Combine(dir, "nope", "dsl.json"), "-o", outDir, "-q");
        Assert.Equal((int)DslErrorCode.Io, code);
        Assert.Contains("nope", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Manifest_field_errors_name_the_field()
    {
        string dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "dsl.json"), "{\"name\": \"m\", \"sample_rate\": 16000, \"frame\": 320, \"switch\": {\"threshold\": 0}, \"heavy\": {\"outputs\": [\"h\"]}}");
        (int code, string error) = Run("inspect", "-m", dir);
        Assert.Equal((int)DslErrorCode.Manifest, code);
        Assert.Contains("switch.output", error);
    }

    [Fact]
    public void Unknown_board_is_a_board_error_and_writes_nothing()
    {
        string outDir = Path.Combine(TempDir(), "out");
        (int code, string error) = Run("generate", "-m", Fixtures.TinyDsl, "--board", "no-such-board", "-o", outDir, "-q");
        Assert.Equal((int)DslErrorCode.Board, code);
        Assert.Contains("no-such-board", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Bad_option_value_is_a_usage_error()
    {
        (int code, string error) = Run("run", "-m", Fixtures.TinyDsl, "-a", "x.wav", "-o", "y.wav", "--engine", "gpu");
        Assert.Equal((int)DslErrorCode.Usage, code);
        Assert.Contains("--engine", error);
    }

    [Fact]
    public void Wrong_audio_format_names_the_file_and_the_fix()
    {
        string dir = TempDir();
        string wav = Path.Combine(dir, "stereo.wav");
        Dsl.Compiler.Audio.WavFile.WriteMono16(wav, new short[64], 8000);
        (int code, string error) = Run("run", "-m", Fixtures.TinyDsl, "-a", wav, "-o", Path.Combine(dir, "o.wav"), "-q");
        Assert.Equal((int)DslErrorCode.Audio, code);
        Assert.Contains("stereo.wav", error);
        Assert.Contains("8000", error);
    }

    [Fact]
    public void What_escapes_a_verb_maps_to_its_family_or_to_70_with_one_line()
    {
        string? debug = Environment.GetEnvironmentVariable("DSLC_DEBUG");
        Environment.SetEnvironmentVariable("DSLC_DEBUG", null);
        TextWriter original = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        try
        {
            Assert.Equal((int)DslErrorCode.Quantization,
                Dsl.Cli.Program.Guarded(() => throw new DslException(DslErrorCode.Quantization, "node 'n': overflow")));
            Assert.Equal(Dsl.Cli.Program.InternalErrorExitCode,
                Dsl.Cli.Program.Guarded(() => throw new InvalidOperationException("boom")));
        }
        finally
        {
            Console.SetError(original);
            Environment.SetEnvironmentVariable("DSLC_DEBUG", debug);
        }

        string[] lines = error.ToString().TrimEnd().Split('\n');
        Assert.Equal("dslc: error: node 'n': overflow", lines[0]);
        Assert.StartsWith("dslc: internal error (InvalidOperationException: boom); this is a dslc bug", lines[1]);
        Assert.Equal(2, lines.Length);
    }
}
