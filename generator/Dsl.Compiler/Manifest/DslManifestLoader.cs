using System.Text;
using System.Text.Json;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Manifest;

/// <summary>Reads and checks dsl.json; every error names the file and the field.</summary>
public static class DslManifestLoader
{
    public static DslManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DslException(DslErrorCode.Io, $"{path}: file not found (expected the model's dsl.json)");
        }

        byte[] bytes = InputFile.ReadBytes(path, "the manifest");

        return Parse(path, bytes);
    }

    /// <summary>Parses dsl.json <paramref name="bytes"/> (UTF-8); <paramref name="path"/> names the file in messages
    /// and is the folder that relative paths in it are relative to.</summary>
    public static DslManifest Parse(string path, byte[] bytes)
    {
        JsonElement root;
        try
        {
            string text = StrictUtf8.GetString(bytes);
            using JsonDocument doc = JsonDocument.Parse(text.TrimStart('\uFEFF'));
            root = doc.RootElement.Clone();
        }
        catch (DecoderFallbackException e)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: not valid UTF-8 (byte {e.Index}); save dsl.json as UTF-8");
        }
        catch (JsonException e)
        {
            // The parser's message may quote the rest of the document: keep its first words.
            string reason = e.Message.Split(" LineNumber:")[0];
            reason = reason.Length > 100 ? reason[..100] + "..." : reason;
            throw new DslException(DslErrorCode.Manifest, $"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON ({reason})");
        }

        CheckStructure(path, root, "");
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: expected a JSON object");
        }

        var r = new FieldReader(path, root);
        string name = r.String("name");
        if (!IsModelName(name))
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: field 'name' is '{name}', which is not usable as the C prefix of the generated code; use a letter followed by letters, digits or '_' (at most {MaxNameLength} characters, e.g. \"my_model\")");
        }

        int sampleRate = r.Int("sample_rate", 1, 384000);
        int frame = r.Int("frame", 1, 1 << 16);
        string input = r.OptionalString("input") ?? "audio";
        FieldReader sw = r.Object("switch");
        string switchOutput = sw.String("output");
        float threshold = sw.Float("threshold");
        int hold = sw.OptionalInt("hold", 0, 0, 100000);
        string modeText = r.OptionalString("mode") ?? "switch";
        RoutingMode mode = modeText switch
        {
            "switch" => RoutingMode.Switch,
            "gate" => RoutingMode.Gate,
            _ => throw new DslException(DslErrorCode.Manifest, $"{path}: field 'mode' must be \"switch\" or \"gate\", got \"{modeText}\""),
        };
        string handoffText = r.OptionalString("handoff") ?? "features";
        HandoffKind handoff = handoffText switch
        {
            "features" => HandoffKind.Features,
            "audio" => HandoffKind.Audio,
            _ => throw new DslException(DslErrorCode.Manifest, $"{path}: field 'handoff' must be \"features\" (the heavy path reads the shared layers' output) or \"audio\" (it runs its own copy of them, e.g. in int16), got \"{handoffText}\""),
        };
        string replayText = r.OptionalString("replay") ?? "resume";
        ReplayPolicy replay = replayText switch
        {
            "resume" => ReplayPolicy.Resume,
            "reset" => ReplayPolicy.Reset,
            _ => throw new DslException(DslErrorCode.Manifest, $"{path}: field 'replay' must be \"resume\" (the heavy path keeps its state between heavy frames and runs the light frames it missed) or \"reset\" (it is reset and replays R frames on every light -> heavy switch, for a heavy core whose RAM is off while it sleeps), got \"{replayText}\""),
        };
        // 'replay_frames': K <= R, checked against the receptive field once the graph is analysed (ReplayBound).
        int? replayFrames = root.TryGetProperty("replay_frames", out _) ? r.OptionalInt("replay_frames", 0, 0, 100000) : null;
        IReadOnlyList<string> light = r.OptionalObject("light")?.StringList("outputs") ?? Array.Empty<string>();
        IReadOnlyList<string> heavy = r.Object("heavy").StringList("outputs");
        if (heavy.Count == 0)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: field 'heavy.outputs' must name at least one model output");
        }

        if (mode == RoutingMode.Switch && light.Count == 0)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: mode \"switch\" needs 'light.outputs' (use mode \"gate\" for a model without a light decoder)");
        }

        string model = r.OptionalString("model") ?? "model.onnx";
        r.CheckPath("model", model);
        IReadOnlyList<string> calibration = r.OptionalStringList("calibration");
        IReadOnlyList<string> test = r.OptionalStringList("test");
        foreach (string pattern in calibration)
        {
            r.CheckPath("calibration", pattern);
        }

        foreach (string pattern in test)
        {
            r.CheckPath("test", pattern);
        }

        string? estimatorText = r.OptionalString("calibration_estimator");
        RangeEstimator? estimator = estimatorText is null ? null : RangeEstimator.Parse(estimatorText, DslErrorCode.Manifest, $"{path}: field 'calibration_estimator'");
        IReadOnlyList<double>? gains = r.OptionalNumberList("calibration_gains_db");
        if (gains is not null)
        {
            CalibrationGain.Check(gains, DslErrorCode.Manifest, $"{path}: field 'calibration_gains_db'");
        }

        // 'int16_tensors': activation tensors kept in int16 (mixed precision); ["all"] = every eligible one, ["heavy"] =
        // every eligible one of the heavy path.
        IReadOnlyList<string>? int16 = root.TryGetProperty("int16_tensors", out _) ? r.OptionalStringList("int16_tensors") : null;
        Int16Scope? int16Scope = int16 switch
        {
            ["all"] => Int16Scope.All,
            ["heavy"] => Int16Scope.Heavy,
            _ => null,
        };
        IReadOnlySet<string>? int16Tensors = int16 is null || int16Scope is not null ? null : int16.ToHashSet(StringComparer.Ordinal);

        // 'target_snr_db': the precision search's target in dB, or "off" (int8 everywhere).
        TargetSnr? target = null;
        if (root.TryGetProperty("target_snr_db", out JsonElement targetValue))
        {
            string where = $"{path}: field 'target_snr_db'";
            target = targetValue.ValueKind switch
            {
                JsonValueKind.String => TargetSnr.Parse(targetValue.GetString()!, DslErrorCode.Manifest, where),
                JsonValueKind.Number => TargetSnr.Of(targetValue.GetDouble(), DslErrorCode.Manifest, where),
                _ => throw new DslException(DslErrorCode.Manifest, $"{where} must be a number of dB (e.g. 30) or \"off\""),
            };
        }

        // 'int16_headroom_db': how far int16 activations reach beyond their calibrated range.
        double? headroomDb = r.OptionalNumber("int16_headroom_db");
        Int16Headroom? headroom = headroomDb is null ? null : Int16Headroom.Of(headroomDb.Value, DslErrorCode.Manifest, $"{path}: field 'int16_headroom_db'");

        FieldReader? gate = r.OptionalObject("silence_gate");
        SilenceGateSettings? silence = gate is null ? null
            : new SilenceGateSettings(gate.OptionalBool("enabled", true), gate.OptionalInt("threshold", 0, 0, SilenceGateSettings.MaxThreshold));

        ClassHead? classes = ClassHeadReader.Read(path, root, mode, heavy, silence?.Enabled == true);
        // The silence gate shapes audio; a classifier head has none to gate, so it is off unless asked for (refused above).
        silence = classes is not null ? new SilenceGateSettings(false, silence?.Threshold ?? 0) : silence;
        return new DslManifest(path, name, sampleRate, frame, input, switchOutput, threshold, hold, light, heavy, mode, model,
            calibration, test, estimator, gains, int16Tensors, int16Scope, target, silence, headroom, handoff, replay, replayFrames, classes);
    }

    /// <summary>The name becomes the prefix of every C symbol and file; 32 characters keep the longest
    /// symbol within what C99 guarantees to distinguish in practice and file names short.</summary>
    private const int MaxNameLength = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsModelName(string name) =>
        name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// JSON parsers keep the last of duplicate keys; in dsl.json a repeated key is almost always a
    /// merge or copy-paste mistake, so it is refused instead of silently taking one value. Keys and
    /// strings must also decode: a "\\ud800" escape alone is valid JSON but no text.
    /// </summary>
    private static void CheckStructure(string path, JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in element.EnumerateObject())
            {
                string name = Decode(path, () => p.Name, prefix.Length == 0 ? "a key" : $"a key in '{prefix.TrimEnd('.')}'");
                if (!seen.Add(name))
                {
                    throw new DslException(DslErrorCode.Manifest, $"{path}: key '{prefix}{name}' appears more than once; keep one");
                }

                CheckStructure(path, p.Value, prefix + name + ".");
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                CheckStructure(path, item, $"{prefix.TrimEnd('.')}[{i++}].");
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            Decode(path, element.GetString, $"field '{prefix.TrimEnd('.')}'");
        }
    }

    private static string Decode(string path, Func<string?> read, string where)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: {where} holds a \\u escape that is not valid UTF-16 (a lone surrogate); write the character itself");
        }
    }

    /// <summary>Typed access to one JSON object with located errors.</summary>
    private sealed class FieldReader
    {
        private readonly string path;
        private readonly JsonElement obj;
        private readonly string prefix;

        public FieldReader(string path, JsonElement obj, string prefix = "")
        {
            this.path = path;
            this.obj = obj;
            this.prefix = prefix;
        }

        public string String(string field) =>
            OptionalString(field) ?? throw Missing(field, "a string");

        public string? OptionalString(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return null;
            }

            return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Wrong(field, "a string");
        }

        /// <summary>A number that is finite in float32, the precision the model computes in.</summary>
        public float Float(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                throw Missing(field, "a number");
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !float.IsFinite((float)d))
            {
                throw Wrong(field, $"a finite number within float32 range (|x| <= {float.MaxValue:G9}), got {v.GetRawText()}");
            }

            return (float)d;
        }

        /// <summary>Paths and globs are resolved by the file system: refuse what it would reject.</summary>
        public void CheckPath(string field, string value)
        {
            char[] invalid = Path.GetInvalidPathChars();
            int bad = value.IndexOfAny(invalid);
            bad = bad >= 0 ? bad : value.ToList().FindIndex(char.IsControl);
            if (value.Length == 0 || bad >= 0)
            {
                string what = value.Length == 0 ? "is empty" : $"contains the character U+{(int)value[bad]:X4}, which a file path cannot hold";
                throw new DslException(DslErrorCode.Manifest, $"{path}: field '{prefix}{field}' value \"{value}\" {what}; give a relative path or glob such as \"calibration/*.wav\"");
            }
        }

        public int Int(string field, int min, int max)
        {
            if (!obj.TryGetProperty(field, out _))
            {
                throw Missing(field, "an integer");
            }

            return OptionalInt(field, 0, min, max);
        }

        public int OptionalInt(string field, int fallback, int min, int max)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return fallback;
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i) || i < min || i > max)
            {
                throw Wrong(field, $"an integer from {min} to {max}");
            }

            return i;
        }

        public bool OptionalBool(string field, bool fallback)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return fallback;
            }

            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Wrong(field, "true or false"),
            };
        }

        public FieldReader Object(string field) =>
            OptionalObject(field) ?? throw Missing(field, "an object");

        public FieldReader? OptionalObject(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return null;
            }

            return v.ValueKind == JsonValueKind.Object ? new FieldReader(path, v, prefix + field + ".") : throw Wrong(field, "an object");
        }

        public IReadOnlyList<string> StringList(string field) =>
            obj.TryGetProperty(field, out _) ? OptionalStringList(field) : throw Missing(field, "a list of strings");

        public IReadOnlyList<string> OptionalStringList(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return Array.Empty<string>();
            }

            if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw Wrong(field, "a list of strings");
            }

            return v.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }

        /// <summary>A finite number, or null when the field is absent.</summary>
        public double? OptionalNumber(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return null;
            }

            return v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) ? v.GetDouble() : throw Wrong(field, "a number");
        }

        /// <summary>A list of finite numbers, or null when the field is absent.</summary>
        public IReadOnlyList<double>? OptionalNumberList(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !double.IsFinite(e.GetDouble())))
            {
                throw Wrong(field, "a list of numbers");
            }

            return v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        }

        private DslException Missing(string field, string what) =>
            new(DslErrorCode.Manifest, $"{path}: field '{prefix}{field}' is missing (expected {what})");

        private DslException Wrong(string field, string what) =>
            new(DslErrorCode.Manifest, $"{path}: field '{prefix}{field}' must be {what}");
    }
}
