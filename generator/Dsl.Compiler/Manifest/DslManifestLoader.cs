using System.Text.Json;
using Dsl.Compiler.Diagnostics;

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

        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: not valid JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: expected a JSON object");
        }

        var r = new FieldReader(path, root);
        string name = r.String("name");
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            throw new DslException(DslErrorCode.Manifest, $"{path}: field 'name' must start with a letter (it becomes the C prefix), got '{name}'");
        }

        int sampleRate = r.Int("sample_rate", 1, 384000);
        int frame = r.Int("frame", 1, 1 << 16);
        string input = r.OptionalString("input") ?? "audio";
        FieldReader sw = r.Object("switch");
        string switchOutput = sw.String("output");
        float threshold = (float)sw.Double("threshold");
        int hold = sw.OptionalInt("hold", 0, 0, 100000);
        string modeText = r.OptionalString("mode") ?? "switch";
        RoutingMode mode = modeText switch
        {
            "switch" => RoutingMode.Switch,
            "gate" => RoutingMode.Gate,
            _ => throw new DslException(DslErrorCode.Manifest, $"{path}: field 'mode' must be \"switch\" or \"gate\", got \"{modeText}\""),
        };
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
        return new DslManifest(path, name, sampleRate, frame, input, switchOutput, threshold, hold, light, heavy, mode, model,
            r.OptionalStringList("calibration"), r.OptionalStringList("test"));
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

        public double Double(string field)
        {
            if (!obj.TryGetProperty(field, out JsonElement v))
            {
                throw Missing(field, "a number");
            }

            return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Wrong(field, "a number");
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

        private DslException Missing(string field, string what) =>
            new(DslErrorCode.Manifest, $"{path}: field '{prefix}{field}' is missing (expected {what})");

        private DslException Wrong(string field, string what) =>
            new(DslErrorCode.Manifest, $"{path}: field '{prefix}{field}' must be {what}");
    }
}
