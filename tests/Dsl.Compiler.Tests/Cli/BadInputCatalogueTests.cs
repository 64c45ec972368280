namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// The bad-input catalogue: one row per input (the command, the expected exit code, a fragment of the
/// message), run in-process through dslc's Main. Every row also proves that dslc left no staging folder
/// behind, that a DslException prints one line, and, where a row names a file or folder of the user's,
/// that every byte of it is unchanged.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BadInputCatalogueTests(BadInputFiles f) : IClassFixture<BadInputFiles>
{
    private const int Ok = 0, Usage = 2, Io = 3, Model = 4, Manifest = 5, Audio = 6, Board = 8;

    /// <param name="Id">Row name (shown in the test run).</param>
    /// <param name="Args">The dslc command line.</param>
    /// <param name="Exit">Expected exit code.</param>
    /// <param name="Fragment">Text the output (stderr and stdout) must contain.</param>
    /// <param name="Untouched">A file or folder of the user's that must keep every byte.</param>
    public sealed record Row(string Id, Func<BadInputFiles, string[]> Args, int Exit, string Fragment,
        Func<BadInputFiles, string>? Untouched = null);

    private static string[] Generate(BadInputFiles f, string id, string model, params string[] more) =>
        ["generate", "-m", model, "-o", f.Out(id), "-q", .. more];

    private static string[] RunTiny(BadInputFiles f, string id, string wav, params string[] more) =>
        ["run", "-m", f.Tiny, "-a", wav, "-o", Path.Combine(f.Out(id), "o.wav"), "-q", .. more];

    private static Row Json(string name, int exit, string fragment) =>
        new($"json_{name}", f => Generate(f, $"json_{name}", f[$"json/{name}"]), exit, fragment);

    private static Row Onnx(string name, int exit, string fragment) =>
        new($"onnx_{name}", f => Generate(f, $"onnx_{name}", f[$"onnx/{name}"]), exit, fragment);

    /// <summary>inspect refuses, before any calibration, what generate would refuse.</summary>
    private static Row Inspect(string name, int exit, string fragment) =>
        new($"inspect_{name}", f => ["inspect", "-m", f[$"onnx/{name}"]], exit, fragment);

    private static Row Wav(string name, int exit, string fragment) =>
        new($"wav_{name}", f => RunTiny(f, $"wav_{name}", f[$"wav/{name}.wav"]), exit, fragment);

    private static Row Calibration(string name, int exit, string fragment) =>
        new($"calibration_{name}", f => Generate(f, $"calibration_{name}", f.Tiny, "--calibration", f[$"wav/{name}.wav"]), exit, fragment);

    private static Row Yaml(string name, int exit, string fragment) =>
        new($"board_{name}", f => Generate(f, $"board_{name}", f.Tiny, "--board", f[$"boards/{name}/test-board.yaml"]), exit, fragment);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Command-line arguments.
        new("cli_no_verb", _ => [], Usage, "No verb selected"),
        new("cli_unknown_verb", _ => ["compile"], Usage, "compile"),
        new("cli_model_option_missing", f => ["generate", "-o", f.Out("cli_model_option_missing")], Usage, "model"),
        new("cli_unknown_option", f => [.. Generate(f, "cli_unknown_option", f.Tiny), "--fast"], Usage, "fast"),
        new("cli_rounding_unknown", f => Generate(f, "cli_rounding_unknown", f.Tiny, "--rounding", "nearest"), Usage, "--rounding"),
        new("cli_variant_unknown", f => Generate(f, "cli_variant_unknown", f.Tiny, "--variant", "avx"), Usage, "--variant"),
        new("cli_variant_and_board", f => Generate(f, "cli_variant_and_board", f.Tiny, "--variant", "dsp", "--board", "mps2-an386"), Usage, "--variant"),
        new("cli_engine_unknown", f => RunTiny(f, "cli_engine_unknown", f["wav/good.wav"], "--engine", "gpu"), Usage, "--engine"),
        new("cli_model_not_found", f => Generate(f, "cli_model_not_found", f["nope/dsl.json"]), Io, "not found"),
        new("cli_model_folder_without_dsl_json", f => Generate(f, "cli_model_folder_without_dsl_json", f["existing-folder"]), Io, "has no dsl.json"),

        // Output folders and files: refused before any work, every byte left as it was.
        new("out_is_the_model_folder", f => ["generate", "-m", f.Tiny, "-o", f.Tiny, "-q"], Io, "is or holds the model's input", f => f.Tiny),
        new("out_is_above_the_model", f => ["generate", "-m", f.Tiny, "-o", f["models"], "-q"], Io, "is or holds the model's input", f => f["models"]),
        new("out_is_above_the_model_forced", f => ["generate", "-m", f.Tiny, "-o", f["models"], "-q", "--force"], Io, "is or holds the model's input", f => f["models"]),
        new("out_holds_the_calibration_audio", f => ["generate", "-m", f.Tiny, "-o", Path.Combine(f.Tiny, "calibration"), "-q", "--force"], Io, "calibration", f => f.Tiny),
        new("out_is_an_existing_file", f => ["generate", "-m", f.Tiny, "-o", f["a-file.txt"], "-q"], Io, "is an existing file", f => f["a-file.txt"]),
        new("out_is_dsl_json", f => ["generate", "-m", f.Tiny, "-o", Path.Combine(f.Tiny, "dsl.json"), "-q"], Io, "is an existing file", f => f.Tiny),
        new("out_holds_foreign_files", f => ["generate", "-m", f.Tiny, "-o", f["foreign"], "-q"], Io, "'mine.txt', which dslc did not write", f => f["foreign"]),
        new("out_below_a_file", f => ["generate", "-m", f.Tiny, "-o", f["a-file.txt/sub"], "-q"], Io, "is a file", f => f["a-file.txt"]),
        new("out_name_with_nul", f => ["generate", "-m", f.Tiny, "-o", f["bad\0name"], "-q"], Io, "not a valid folder name"),
        new("out_board_glue_into_model", f => ["generate", "-m", f.Tiny, "--board", "mps2-an386", "-o", f.Tiny, "-q"], Io, "is or holds the model's input", f => f.Tiny),
        new("validate_work_is_the_model_folder", f => ["validate", "-m", f.Tiny, "--work", f.Tiny, "-q"], Io, "--work", f => f.Tiny),
        new("validate_work_holds_foreign_files", f => ["validate", "-m", f.Tiny, "--work", f["foreign"], "-q"], Io, "which dslc did not write", f => f["foreign"]),
        new("bench_work_is_above_the_model", f => ["bench", "-m", f.Tiny, "-b", "mps2-an386", "--work", f["models"], "-o", f.Out("bench") + ".md", "-q"], Io, "--work", f => f["models"]),
        new("bench_out_is_dsl_json", f => ["bench", "-m", f.Tiny, "-b", "mps2-an386", "-o", Path.Combine(f.Tiny, "dsl.md"), "-q"], Io, "dsl.json", f => f.Tiny),
        new("run_out_is_the_input_wav", f => ["run", "-m", f.Tiny, "-a", Path.Combine(f.Tiny, "test", "synth.wav"), "-o", Path.Combine(f.Tiny, "test", "synth.wav"), "-q"], Io, "never overwrites", f => f.Tiny),
        new("run_trace_is_the_model", f => [.. RunTiny(f, "run_trace_is_the_model", f["wav/good.wav"]), "--trace", Path.Combine(f.Tiny, "model.onnx")], Io, "--trace", f => f.Tiny),
        new("run_out_is_a_folder", f => ["run", "-m", f.Tiny, "-a", f["wav/good.wav"], "-o", f["existing-folder"], "-q"], Io, "is a folder", f => f["existing-folder"]),
        new("run_out_into_a_new_folder", f => ["run", "-m", f.Tiny, "-a", f["wav/good.wav"], "-o", Path.Combine(f.Out("run_new"), "deep", "o.wav"), "-q"], Ok, "wrote"),
        new("run_audio_not_found", f => RunTiny(f, "run_audio_not_found", f["wav/nope.wav"]), Io, "nope.wav"),
        new("calibration_option_not_found", f => Generate(f, "calibration_option_not_found", f.Tiny, "--calibration", f["wav/nope.wav"]), Io, "nope.wav"),

        // dsl.json.
        Json("good", Ok, "generated tiny_dsl"),
        Json("not_json", Manifest, "not valid JSON"),
        Json("array", Manifest, "expected a JSON object"),
        Json("empty", Manifest, "not valid JSON"),
        Json("no_name", Manifest, "'name' is missing"),
        Json("name_digit", Manifest, "'name'"),
        Json("rate_zero", Manifest, "'sample_rate'"),
        Json("rate_text", Manifest, "'sample_rate'"),
        Json("frame_zero", Manifest, "'frame'"),
        Json("frame_huge", Manifest, "'frame'"),
        Json("frame_fraction", Manifest, "'frame'"),
        Json("no_switch", Manifest, "'switch'"),
        Json("no_switch_output", Manifest, "'switch.output'"),
        Json("switch_output_unknown", Manifest, "no_such_output"),
        Json("threshold_text", Manifest, "'switch.threshold'"),
        Json("hold_negative", Manifest, "'switch.hold'"),
        Json("mode_unknown", Manifest, "'mode'"),
        Json("heavy_empty", Manifest, "'heavy.outputs'"),
        Json("heavy_unknown", Manifest, "no_such_output"),
        Json("no_light_in_switch_mode", Manifest, "'light.outputs'"),
        Json("input_unknown", Manifest, "microphone"),
        Json("model_missing", Io, "not found next to it"),
        Json("calibration_no_match", Manifest, "matches no file"),
        Json("calibration_none", Manifest, "no calibration audio"),
        Json("calibration_not_list", Manifest, "'calibration'"),
        Json("calibration_nul", Manifest, "calibration"),
        Json("threshold_1e39", Manifest, "switch.threshold"),
        Json("threshold_above_scores", Ok, "dsl.json: switch.threshold 1000 is above every score of 'switch_logit' seen in calibration"),
        Json("threshold_below_scores", Ok, "dsl.json: switch.threshold -1000 is below every score of 'switch_logit' seen in calibration"),
        Json("duplicate_key", Manifest, "frame"),
        Json("invalid_utf8_key", Manifest, "dsl.json"),
        Json("name_not_c", Manifest, "name"),

        // ONNX (the minimal DSL model built in code, and broken variants of it).
        Onnx("good", Ok, "generated minimal"),
        Onnx("empty", Model, "model.onnx"),
        Onnx("garbage", Model, "model.onnx"),
        Onnx("truncated", Model, "model.onnx"),
        Onnx("opset9", Model, "opset"),
        Onnx("stereo_input", Model, "audio"),
        Onnx("unsupported_op", Model, "DFT"),
        Onnx("non_causal", Model, "heavy_lookahead"),
        Onnx("dynamic_weight", Model, "heavy_mix"),
        Onnx("undefined_input", Model, "nowhere"),
        Onnx("weight_nan", Model, "enc_w"),
        Onnx("bias_inf", Model, "heavy_b"),
        Onnx("weight_3e38", Model, "enc_w"),
        Onnx("dilations_1e9", Model, "'encoder'"),
        Onnx("transposed_dilations_1e9", Model, "'heavy_up'"),
        Onnx("causal_dilations_1e9", Model, "'heavy_dilated'"),
        Onnx("audio_plus_input", Model, "node 'heavy_skip' (Add) touches int16 audio"),
        Inspect("audio_plus_input", Model, "node 'heavy_skip' (Add) touches int16 audio"),

        // WAV, through run, validate and --calibration.
        Wav("good", Ok, "wrote"),
        Wav("not_riff", Audio, "not a RIFF/WAVE file"),
        Wav("zero_bytes", Audio, "zero_bytes.wav"),
        Wav("no_data", Audio, "no 'data' chunk"),
        Wav("stereo", Audio, "2 channel(s)"),
        Wav("eight_bit", Audio, "8 bits"),
        Wav("float", Audio, "format 3"),
        Wav("rate_8k", Audio, "8000 Hz"),
        Wav("short", Audio, "less than one frame of 32 samples"),
        Wav("empty_data", Audio, "empty_data.wav"),
        new("validate_wav_short", f => ["validate", "-m", f.Tiny, "-a", f["wav/short.wav"], "--work", f.Out("validate_wav_short"), "-q"], Audio, "short.wav: holds 20 sample(s)"),
        new("validate_wav_stereo", f => ["validate", "-m", f.Tiny, "-a", f["wav/stereo.wav"], "--work", f.Out("validate_wav_stereo"), "-q"], Audio, "stereo.wav"),
        Calibration("stereo", Audio, "stereo.wav"),
        Calibration("rate_8k", Audio, "rate_8k.wav"),
        Wav("rate_3g", Audio, "3000000000"),
        Wav("huge_data", Audio, "huge_data.wav"),
        Calibration("empty_data", Audio, "empty_data.wav"),
        Calibration("one_sample", Audio, "one_sample.wav"),

        // Board profiles.
        Yaml("good", Ok, "generated tiny_dsl"),
        new("board_unknown_name", f => Generate(f, "board_unknown_name", f.Tiny, "--board", "no-such-board"), Board, "no-such-board"),
        new("board_file_not_found", f => Generate(f, "board_file_not_found", f.Tiny, "--board", f["boards/nope.yaml"]), Board, "not found"),
        Yaml("not_yaml", Board, "not valid YAML"),
        Yaml("empty", Board, "test-board.yaml"),
        Yaml("no_cores", Board, "cores"),
        Yaml("unknown_cpu", Board, "cortex-m5"),
        Yaml("unknown_variant", Board, "kernel_variant"),
        Yaml("bad_size", Board, "size"),
        Yaml("unknown_field", Board, "turbo"),
        Yaml("path_unknown_core", Board, "m7"),
        Yaml("name_mismatch", Board, "must equal the file name"),
        new("validate_board_without_qemu", f => ["validate", "-m", f.Tiny, "--board", f["boards/no_qemu/test-board.yaml"], "--work", f.Out("validate_board_without_qemu"), "-q"], Board, "no QEMU machine"),
        new("bench_board_without_qemu", f => ["bench", "-m", f.Tiny, "-b", f["boards/no_qemu/test-board.yaml"], "-o", f.Out("bench_board_without_qemu") + ".md", "-q"], Board, "no QEMU machine"),
        Yaml("flags_space", Board, "gcc_flags"),
        Yaml("flags_semicolon", Board, "gcc_flags"),
    ];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (Row r in Rows)
        {
            data.Add(r.Id);
        }

        return data;
    }

    [Fact]
    public void Catalogue_is_large_and_names_are_unique()
    {
        Assert.True(Rows.Count >= 60, $"{Rows.Count} rows");
        Assert.Equal(Rows.Count, Rows.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Bad_input(string id) => Check(Rows.Single(r => r.Id == id));

    private void Check(Row row)
    {
        string? untouched = row.Untouched?.Invoke(f);
        Dictionary<string, byte[]>? before = untouched is null ? null : Snapshot(untouched);
        (int code, string output, string error) = CliRun.Dslc(row.Args(f));

        Assert.True(code == row.Exit, $"{row.Id}: exit {code}, expected {row.Exit}: {error}");
        Assert.Contains(row.Fragment, error + output, StringComparison.Ordinal);
        if (row.Exit > Usage)
        {
            Assert.Single(error.TrimEnd().Split('\n'));
        }

        if (before is not null)
        {
            Dictionary<string, byte[]> after = Snapshot(untouched!);
            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
            Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(after[kv.Key]), $"{kv.Key} changed"));
        }

        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(f.Root, "*", SearchOption.AllDirectories), p => p.Contains(".dslc-staging", StringComparison.Ordinal));
        if (row.Exit != Ok && row.Args(f) is ["generate", ..] args && args.SkipWhile(a => a != "-o").Skip(1).FirstOrDefault() is { } output0 && output0.StartsWith(f.Out(string.Empty), StringComparison.Ordinal))
        {
            Assert.False(Directory.Exists(output0), $"{row.Id}: a failed generate created {output0}");
        }
    }

    /// <summary>Every file under <paramref name="path"/> (or the file itself) with its bytes.</summary>
    private static Dictionary<string, byte[]> Snapshot(string path) =>
        File.Exists(path)
            ? new Dictionary<string, byte[]> { [string.Empty] = File.ReadAllBytes(path) }
            : Directory.GetFiles(path, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(path, p), File.ReadAllBytes);
}
