using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Validation;

/// <summary>
/// <see cref="ValidationResults"/> as JSON (schema "dslc-validate-results", docs/ci.md) and back. Written
/// from the results alone (no time, host or shard), so equal results are equal bytes.
/// </summary>
public static class ValidationResultsJson
{
    public const string Schema = "dslc-validate-results";

    public static string ToJson(ValidationResults r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteNumber("schema_version", ValidationResults.SchemaVersion);
            w.WriteString("model", r.Model);
            w.WriteString("rounding", r.Rounding);
            w.WriteBoolean("bit_exact", r.BitExact);
            w.WriteNumber("clips", r.Results.Count);
            w.WriteNumber("failed", r.Results.Count(c => !c.BitExact));
            w.WriteStartArray("results");
            foreach (ClipResult c in r.Results)
            {
                w.WriteStartObject();
                w.WriteString("clip", c.Clip);
                w.WriteString("target", c.Target);
                w.WriteString("verdict", c.BitExact ? "bit-exact" : "not bit-exact");
                w.WriteString("failure", c.Failure);
                w.WriteNumber("frames", c.Frames);
                w.WriteNumber("heavy_frames", c.HeavyFrames);
                w.WriteNumber("heavy_share", Math.Round(c.HeavyShare, 4));
                w.WriteStartArray("lines");
                foreach (string line in c.Lines)
                {
                    w.WriteStringValue(line);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void Write(ValidationResults r, string path, string option) => OutputFile.Write(path, ToJson(r), option);

    /// <summary>Reads a results file; a file that is not one is a Usage error naming it.</summary>
    public static ValidationResults Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: cannot read ({e.Message})", e);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out JsonElement schema) || schema.GetString() != Schema)
            {
                throw new DslException(DslErrorCode.Usage, $"{path}: not a validate results file (schema \"{Schema}\"); give files written by 'dslc validate --report'");
            }

            int version = root.GetProperty("schema_version").GetInt32();
            if (version != ValidationResults.SchemaVersion)
            {
                throw new DslException(DslErrorCode.Usage, $"{path}: results schema version {version}; this dslc reads version {ValidationResults.SchemaVersion}");
            }

            var results = root.GetProperty("results").EnumerateArray().Select(c => new ClipResult(
                c.GetProperty("clip").GetString()!,
                c.GetProperty("target").GetString()!,
                c.GetProperty("failure").GetString(),
                c.GetProperty("frames").GetInt32(),
                c.GetProperty("heavy_frames").GetInt32(),
                c.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList())).ToList();
            return new ValidationResults(root.GetProperty("model").GetString()!, root.GetProperty("rounding").GetString()!, results);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DslException(DslErrorCode.Usage, $"{path}: not a valid validate results file ({e.Message})", e);
        }
    }
}
