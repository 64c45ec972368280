using System.Text;
using System.Text.Json.Nodes;
using Dsl.Compiler.Tests.Onnx;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// The files of the bad-input catalogue, written once per test run into a temporary folder: a copy of the
/// tiny fixture (the model whose folder outputs must not touch), dsl.json variants that point at it, small
/// ONNX models built in code (a valid minimal DSL model and its broken variants), WAVs and board profiles.
/// </summary>
public sealed class BadInputFiles : IDisposable
{
    /// <summary>Frame of the minimal model (samples).</summary>
    private const int MinimalFrame = 16;

    public BadInputFiles()
    {
        Root = Directory.CreateTempSubdirectory("dslc-bad-inputs-").FullName;
        CopyFolder(Path.GetDirectoryName(Fixtures.TinyDsl)!, Tiny);
        File.WriteAllText(Path.Combine(Tiny, "notes.txt"), "a user's own file next to the model");
        Directory.CreateDirectory(Path.Combine(Root, "foreign"));
        File.WriteAllText(Path.Combine(Root, "foreign", "mine.txt"), "a user's file dslc did not write");
        File.WriteAllText(Path.Combine(Root, "a-file.txt"), "an existing file");
        Directory.CreateDirectory(Path.Combine(Root, "existing-folder"));
        WriteWavs();
        WriteManifests();
        WriteModels();
        WriteBoards();
    }

    /// <summary>The temporary folder that holds everything.</summary>
    public string Root { get; }

    /// <summary>The copy of tests/fixtures/tiny_dsl (dsl.json, model.onnx, calibration/, test/, notes.txt).</summary>
    public string Tiny => Path.Combine(Root, "models", "tiny");

    /// <summary>A path under the root (use '/' between parts).</summary>
    public string this[string relative] => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A fresh output path for one row (not created).</summary>
    public string Out(string id) => Path.Combine(Root, "out", id);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Mono 16-bit PCM with the given header fields; <paramref name="dataSize"/> overrides the declared size.</summary>
    public static byte[] Wav(int samples, uint rate = 16000, ushort channels = 1, ushort bits = 16, ushort format = 1, uint? dataSize = null)
    {
        var data = new byte[samples * channels * (bits / 8)];
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            short s = (short)(8000 * Math.Sin(i * 0.01));
            data[i] = (byte)s;
            data[i + 1] = (byte)(s >> 8);
        }

        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write("RIFF"u8);
            w.Write((uint)(36 + data.Length));
            w.Write("WAVEfmt "u8);
            w.Write(16);
            w.Write(format);
            w.Write(channels);
            w.Write(rate);
            w.Write(rate * channels * (uint)(bits / 8));
            w.Write((ushort)(channels * bits / 8));
            w.Write(bits);
            w.Write("data"u8);
            w.Write(dataSize ?? (uint)data.Length);
            w.Write(data);
        }

        return ms.ToArray();
    }

    private void WriteWavs()
    {
        var wavs = new Dictionary<string, byte[]>
        {
            ["good"] = Wav(4000),
            ["short"] = Wav(20), // less than the tiny model's 32-sample frame
            ["empty_data"] = Wav(0),
            ["one_sample"] = Wav(1),
            ["stereo"] = Wav(4000, channels: 2),
            ["eight_bit"] = Wav(4000, bits: 8),
            ["float"] = Wav(4000, bits: 32, format: 3),
            ["rate_8k"] = Wav(4000, rate: 8000),
            ["rate_3g"] = Wav(4000, rate: 3_000_000_000),
            ["huge_data"] = Wav(4000, dataSize: 0x7FFFFFF0),
            ["not_riff"] = Encoding.ASCII.GetBytes("this is not a wav file at all, just text"),
            ["zero_bytes"] = [],
            ["no_data"] = Wav(4000)[..36],
        };
        Directory.CreateDirectory(this["wav"]);
        foreach ((string name, byte[] bytes) in wavs)
        {
            File.WriteAllBytes(this[$"wav/{name}.wav"], bytes);
        }
    }

    /// <summary>dsl.json of the tiny model, as a node to change, with paths that point back at <see cref="Tiny"/>.</summary>
    private static JsonObject TinyManifest() => new()
    {
        ["name"] = "tiny_dsl",
        ["sample_rate"] = 16000,
        ["frame"] = 32,
        ["input"] = "audio",
        ["switch"] = new JsonObject { ["output"] = "switch_logit", ["threshold"] = 0.2909, ["hold"] = 2 },
        ["light"] = new JsonObject { ["outputs"] = new JsonArray("light") },
        ["heavy"] = new JsonObject { ["outputs"] = new JsonArray("heavy") },
        ["mode"] = "switch",
        ["model"] = "../../models/tiny/model.onnx",
        ["calibration"] = new JsonArray("../../models/tiny/calibration/*.wav"),
        ["test"] = new JsonArray("../../models/tiny/test/*.wav"),
    };

    private void WriteManifests()
    {
        string good = TinyManifest().ToJsonString();
        var variants = new Dictionary<string, byte[]>
        {
            ["good"] = Utf8(good),
            ["not_json"] = Utf8("{ \"name\": \"tiny_dsl\", "),
            ["array"] = Utf8("[1, 2, 3]"),
            ["empty"] = [],
            ["no_name"] = Changed(m => m.Remove("name")),
            ["name_digit"] = Changed(m => m["name"] = "9lives"),
            ["name_not_c"] = Changed(m => m["name"] = "my-model.v2"),
            ["rate_zero"] = Changed(m => m["sample_rate"] = 0),
            ["rate_text"] = Changed(m => m["sample_rate"] = "16k"),
            ["frame_zero"] = Changed(m => m["frame"] = 0),
            ["frame_huge"] = Changed(m => m["frame"] = 1 << 20),
            ["frame_fraction"] = Changed(m => m["frame"] = 32.5),
            ["no_switch"] = Changed(m => m.Remove("switch")),
            ["no_switch_output"] = Changed(m => m["switch"]!.AsObject().Remove("output")),
            ["switch_output_unknown"] = Changed(m => m["switch"]!["output"] = "no_such_output"),
            ["threshold_text"] = Changed(m => m["switch"]!["threshold"] = "high"),
            ["threshold_1e39"] = Utf8(good.Replace("0.2909", "1e39", StringComparison.Ordinal)),
            ["threshold_above_scores"] = Changed(m => m["switch"]!["threshold"] = 1000),
            ["threshold_below_scores"] = Changed(m => m["switch"]!["threshold"] = -1000),
            ["hold_negative"] = Changed(m => m["switch"]!["hold"] = -1),
            ["mode_unknown"] = Changed(m => m["mode"] = "turbo"),
            ["heavy_empty"] = Changed(m => m["heavy"]!["outputs"] = new JsonArray()),
            ["heavy_unknown"] = Changed(m => m["heavy"]!["outputs"] = new JsonArray("no_such_output")),
            ["no_light_in_switch_mode"] = Changed(m => m.Remove("light")),
            ["input_unknown"] = Changed(m => m["input"] = "microphone"),
            ["model_missing"] = Changed(m => m["model"] = "nope.onnx"),
            ["calibration_no_match"] = Changed(m => m["calibration"] = new JsonArray("nowhere/*.wav")),
            ["calibration_none"] = Changed(m => m["calibration"] = new JsonArray()),
            ["calibration_not_list"] = Changed(m => m["calibration"] = 5),
            ["calibration_nul"] = Changed(m => m["calibration"] = new JsonArray("../../models/tiny/calibration/*.wav\0x")),
            ["duplicate_key"] = Utf8(good.Replace("\"frame\":32,", "\"frame\":32,\"frame\":32,", StringComparison.Ordinal)),
            ["invalid_utf8_key"] = [.. Utf8("{\"x"), 0xC3, 0x28, .. Utf8("\":1,"), .. Utf8(good[1..])],
        };
        foreach ((string name, byte[] bytes) in variants)
        {
            Directory.CreateDirectory(this[$"json/{name}"]);
            File.WriteAllBytes(this[$"json/{name}/dsl.json"], bytes);
        }

        byte[] Changed(Action<JsonObject> change)
        {
            JsonObject m = TinyManifest();
            change(m);
            return Utf8(m.ToJsonString());
        }
    }

    /// <summary>
    /// The smallest DSL model: audio [1,1,T] -> strided Conv "emb" (2 channels, one row per 16-sample frame)
    /// -> Conv 1x1 "switch_logit"; emb -> ConvTranspose "light" and "heavy". <paramref name="change"/> adds
    /// or replaces parts before the outputs are declared.
    /// </summary>
    private static OnnxModelBuilder Minimal(long opset = 13, long inputChannels = 1, float[]? encoderWeights = null,
        float[]? heavyBias = null, long[]? dilations = null, Action<OnnxModelBuilder>? heavy = null)
    {
        var b = new OnnxModelBuilder(opset);
        b.AddInput("audio", 1, inputChannels, -1);
        b.AddInitializer("enc_w", encoderWeights ?? Ramp(2 * inputChannels * MinimalFrame, 0.05f), 2, inputChannels, MinimalFrame);
        b.AddInitializer("enc_b", new float[] { 0.01f, -0.02f }, 2);
        b.AddNamedNode("encoder", "Conv", ["audio", "enc_w", "enc_b"], ["emb"],
            [OnnxModelBuilder.Ints("strides", MinimalFrame), .. dilations is null ? Array.Empty<Dsl.Compiler.Onnx.OnnxAttribute>() : [OnnxModelBuilder.Ints("dilations", dilations)]]);
        b.AddInitializer("sw_w", new float[] { 0.7f, -0.4f }, 1, 2, 1);
        b.AddInitializer("sw_b", new float[] { 0.1f }, 1);
        b.AddNamedNode("switch", "Conv", ["emb", "sw_w", "sw_b"], ["switch_logit"]);
        Decoder(b, "light", "emb", [0f]);
        if (heavy is null)
        {
            Decoder(b, "heavy", "emb", heavyBias ?? [0f]);
        }
        else
        {
            heavy(b);
        }

        b.AddOutput("switch_logit");
        b.AddOutput("light");
        b.AddOutput("heavy");
        return b;
    }

    /// <summary>input -> ConvTranspose "&lt;name&gt;_up" (2 -> 2 channels, one frame per row) -> Conv 1x1 "&lt;name&gt;_out"
    /// (2 -> 1, bias <paramref name="bias"/>) -> output &lt;name&gt; (dslc wants int8 tensors around a transposed conv).</summary>
    private static void Decoder(OnnxModelBuilder b, string name, string input, float[] bias, long dilation = 1)
    {
        b.AddInitializer($"{name}_up_w", Ramp(2 * 2 * MinimalFrame, 0.03f), 2, 2, MinimalFrame);
        b.AddNamedNode($"{name}_up", "ConvTranspose", [input, $"{name}_up_w"], [$"{name}_x"],
            OnnxModelBuilder.Ints("strides", MinimalFrame), OnnxModelBuilder.Ints("dilations", dilation));
        b.AddInitializer($"{name}_w", new float[] { 0.6f, -0.3f }, 1, 2, 1);
        b.AddInitializer($"{name}_b", bias, 1);
        b.AddNamedNode($"{name}_out", "Conv", [$"{name}_x", $"{name}_w", $"{name}_b"], [name]);
    }

    private void WriteModels()
    {
        float[] nanWeights = Ramp(2 * MinimalFrame, 0.05f);
        nanWeights[5] = float.NaN;
        float[] hugeWeights = Ramp(2 * MinimalFrame, 0.05f);
        hugeWeights[3] = 3e38f;
        var models = new Dictionary<string, byte[]>
        {
            ["good"] = Minimal().ToBytes(),
            ["empty"] = [],
            ["garbage"] = Encoding.ASCII.GetBytes("PK\x03\x04 this is a zip file, not an ONNX model"),
            ["truncated"] = Minimal().ToBytes()[..200],
            ["opset9"] = Minimal(opset: 9).ToBytes(),
            ["stereo_input"] = Minimal(inputChannels: 2).ToBytes(),
            ["weight_nan"] = Minimal(encoderWeights: nanWeights).ToBytes(),
            ["bias_inf"] = Minimal(heavyBias: [float.PositiveInfinity]).ToBytes(),
            ["weight_3e38"] = Minimal(encoderWeights: hugeWeights).ToBytes(),
            ["dilations_1e9"] = Minimal(dilations: [1_000_000_000]).ToBytes(),
            ["causal_dilations_1e9"] = Minimal(heavy: b =>
            {
                b.AddInitializer("dilated_w", Ramp(2 * 2 * 3, 0.1f), 2, 2, 3);
                b.AddNamedNode("heavy_dilated", "Conv", ["emb", "dilated_w"], ["h1"],
                    OnnxModelBuilder.Ints("dilations", 1_000_000_000), OnnxModelBuilder.Ints("pads", 2_000_000_000, 0));
                Decoder(b, "heavy", "h1", [0f]);
            }).ToBytes(),
            ["transposed_dilations_1e9"] = Minimal(heavy: b => Decoder(b, "heavy", "emb", [0f], dilation: 1_000_000_000)).ToBytes(),
            ["unsupported_op"] = Minimal(heavy: b => b.AddNamedNode("heavy_fft", "DFT", ["emb"], ["heavy"])).ToBytes(),
            ["non_causal"] = Minimal(heavy: b =>
            {
                b.AddInitializer("lookahead_w", Ramp(2 * 2 * 3, 0.1f), 2, 2, 3);
                b.AddNamedNode("heavy_lookahead", "Conv", ["emb", "lookahead_w"], ["h1"], OnnxModelBuilder.Ints("pads", 0, 2));
                Decoder(b, "heavy", "h1", [0f]);
            }).ToBytes(),
            ["dynamic_weight"] = Minimal(heavy: b =>
            {
                b.AddNamedNode("heavy_mix", "Conv", ["emb", "emb"], ["h1"]);
                Decoder(b, "heavy", "h1", [0f]);
            }).ToBytes(),
            ["audio_plus_input"] = Minimal(heavy: b =>
            {
                Decoder(b, "heavy_pre", "emb", [0f]);
                b.AddNamedNode("heavy_skip", "Add", ["heavy_pre", "audio"], ["heavy"]);
            }).ToBytes(),
            ["undefined_input"] = Minimal(heavy: b =>
                b.AddNamedNode("heavy_add", "Add", ["emb", "nowhere"], ["heavy"])).ToBytes(),
        };
        JsonObject manifest = new()
        {
            ["name"] = "minimal",
            ["sample_rate"] = 16000,
            ["frame"] = MinimalFrame,
            ["switch"] = new JsonObject { ["output"] = "switch_logit", ["threshold"] = 0.0, ["hold"] = 1 },
            ["light"] = new JsonObject { ["outputs"] = new JsonArray("light") },
            ["heavy"] = new JsonObject { ["outputs"] = new JsonArray("heavy") },
            ["calibration"] = new JsonArray("../../wav/good.wav"),
            ["test"] = new JsonArray("../../wav/good.wav"),
        };
        foreach ((string name, byte[] bytes) in models)
        {
            Directory.CreateDirectory(this[$"onnx/{name}"]);
            File.WriteAllBytes(this[$"onnx/{name}/model.onnx"], bytes);
            File.WriteAllText(this[$"onnx/{name}/dsl.json"], manifest.ToJsonString());
        }
    }

    private void WriteBoards()
    {
        string good = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "boards", "mps2-an386.yaml")).Replace("name: mps2-an386", "name: test-board", StringComparison.Ordinal);
        var boards = new Dictionary<string, string>
        {
            ["good"] = good,
            ["not_yaml"] = "name: [unclosed\n  cores: {",
            ["empty"] = string.Empty,
            ["no_cores"] = good[..good.IndexOf("cores:", StringComparison.Ordinal)],
            ["unknown_cpu"] = good.Replace("cpu: cortex-m4", "cpu: cortex-m5", StringComparison.Ordinal),
            ["unknown_variant"] = good.Replace("kernel_variant: dsp", "kernel_variant: avx512", StringComparison.Ordinal),
            ["bad_size"] = good.Replace("size: 4M }   # ZBT SSRAM2/3", "size: lots }", StringComparison.Ordinal),
            ["unknown_field"] = good.Replace("    dsp: true\n", "    dsp: true\n    turbo: 3\n", StringComparison.Ordinal),
            ["path_unknown_core"] = good.Replace("heavy: m4", "heavy: m7", StringComparison.Ordinal),
            ["name_mismatch"] = good.Replace("name: test-board", "name: other-board", StringComparison.Ordinal),
            ["flags_space"] = good.Replace("-mthumb,", "\"-mthumb -O0\",", StringComparison.Ordinal),
            ["flags_semicolon"] = good.Replace("-mthumb,", "\"-mthumb;rm\",", StringComparison.Ordinal),
            ["no_qemu"] = good[..good.IndexOf("qemu:", StringComparison.Ordinal)],
        };
        foreach ((string name, string text) in boards)
        {
            Directory.CreateDirectory(this[$"boards/{name}"]);
            File.WriteAllText(this[$"boards/{name}/test-board.yaml"], text);
        }
    }

    private static float[] Ramp(long n, float step) => Enumerable.Range(0, (int)n).Select(i => step * (((i * 7) % 11) - 5)).ToArray();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
