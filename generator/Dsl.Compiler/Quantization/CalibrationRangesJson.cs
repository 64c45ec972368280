using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// <see cref="CalibrationRanges"/> as JSON (a calibration cache entry): frames, and per tensor and pre-activation node
/// its min, max (exact: "R" round-trip doubles, invariant culture) and the non-empty bins of its histogram. Names are
/// sorted, so the same ranges always give the same text.
/// </summary>
public static class CalibrationRangesJson
{
    /// <summary>Bumped whenever the layout or the meaning of a field changes: an entry of another format is a miss.</summary>
    public const int FormatVersion = 1;

    public static string ToJson(CalibrationRanges ranges, string key)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", FormatVersion);
            w.WriteString("key", key);
            w.WriteNumber("frames", ranges.Frames);
            WriteRanges(w, "tensors", ranges.Tensors);
            WriteRanges(w, "pre_activation", ranges.PreActivations);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The ranges of <paramref name="json"/>; throws <see cref="InvalidDataException"/> (or a JSON error) when
    /// it is not a complete entry of this format for <paramref name="key"/>.</summary>
    public static CalibrationRanges Parse(string json, string key)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        if (root.GetProperty("format").GetInt32() != FormatVersion)
        {
            throw new InvalidDataException($"format {root.GetProperty("format")} is not {FormatVersion}");
        }

        if (root.GetProperty("key").GetString() != key)
        {
            throw new InvalidDataException("its key is not the one asked for");
        }

        var ranges = new CalibrationRanges { Frames = root.GetProperty("frames").GetInt64() };
        foreach ((string name, TensorRange range) in ReadRanges(root.GetProperty("tensors")))
        {
            ranges.Restore(name, range);
        }

        foreach ((string node, TensorRange range) in ReadRanges(root.GetProperty("pre_activation")))
        {
            ranges.RestorePreActivation(node, range);
        }

        return ranges;
    }

    private static void WriteRanges(Utf8JsonWriter w, string property, IReadOnlyDictionary<string, TensorRange> ranges)
    {
        w.WriteStartArray(property);
        foreach ((string name, TensorRange r) in ranges.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            if (!r.IsEmpty)
            {
                w.WritePropertyName("min");
                w.WriteRawValue(r.Min.ToString("R", CultureInfo.InvariantCulture));
                w.WritePropertyName("max");
                w.WriteRawValue(r.Max.ToString("R", CultureInfo.InvariantCulture));
            }

            // Flat pairs bin, count: most of the 32769 bins are empty.
            w.WriteStartArray("bins");
            foreach ((int bin, long count) in r.Histogram.NonEmptyBins())
            {
                w.WriteNumberValue(bin);
                w.WriteNumberValue(count);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static IEnumerable<(string Name, TensorRange Range)> ReadRanges(JsonElement array)
    {
        foreach (JsonElement e in array.EnumerateArray())
        {
            string name = e.GetProperty("name").GetString() ?? throw new InvalidDataException("a range has no name");
            double? min = e.TryGetProperty("min", out JsonElement lo) ? lo.GetDouble() : null;
            double? max = e.TryGetProperty("max", out JsonElement hi) ? hi.GetDouble() : null;
            if (min is null != max is null || min > max)
            {
                throw new InvalidDataException($"range of '{name}' has bad bounds");
            }

            var flat = e.GetProperty("bins").EnumerateArray().Select(b => b.GetInt64()).ToList();
            if (flat.Count % 2 != 0)
            {
                throw new InvalidDataException($"bins of '{name}' are not bin, count pairs");
            }

            var bins = Enumerable.Range(0, flat.Count / 2).Select(i => (checked((int)flat[2 * i]), flat[(2 * i) + 1]));
            yield return (name, TensorRange.Restore(min, max, bins));
        }
    }
}
