using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Compiler.Precision;

/// <summary>precision.json: the decision and its report, which is also the cache a later run reads
/// (<see cref="Read"/> returns it only when its key matches).</summary>
public static class PrecisionJson
{
    public const string FileName = "precision.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // an SNR of a silent output can be infinite
    };

    public static string ToJson(PrecisionChoice choice) => JsonSerializer.Serialize(choice, Json) + "\n";

    /// <summary>The decision cached in <paramref name="path"/> when it exists, reads and has <paramref name="key"/>; else null.</summary>
    public static PrecisionChoice? Read(string? path, string key)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            PrecisionChoice? cached = JsonSerializer.Deserialize<PrecisionChoice>(File.ReadAllText(path), Json);
            return cached?.Key == key ? cached : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null; // an unreadable cache is a miss, never an error
        }
    }
}
