using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// Rewrites the routing settings of dsl.json (switch.threshold, switch.hold, 'replay' when the chosen policy is
/// not what the file already gives, 'replay_frames' when the point bounds the replay or the file already has it) and
/// nothing else: every other key keeps its value and place
/// (System.Text.Json.Nodes), the file its indentation, line ending and final newline. Written atomically.
/// </summary>
public static class RoutingSettingsFile
{
    /// <summary>dsl.json <paramref name="original"/> with the new settings, and what changed.</summary>
    /// <param name="replayFrames">K, the frames replayed at most; <paramref name="receptiveFrames"/> (R) when exact.</param>
    public static (byte[] Bytes, IReadOnlyList<SettingChange> Changes) Compose(string path, byte[] original, float threshold, int hold, ReplayPolicy policy,
        int replayFrames, int receptiveFrames)
    {
        ArgumentNullException.ThrowIfNull(original);
        string text = Encoding.UTF8.GetString(original).TrimStart('\uFEFF');
        JsonObject root = JsonNode.Parse(text)?.AsObject()
            ?? throw new DslException(DslErrorCode.Manifest, $"{path}: expected a JSON object");
        JsonObject sw = root["switch"]?.AsObject()
            ?? throw new DslException(DslErrorCode.Manifest, $"{path}: field 'switch' is missing (expected an object)");
        var changes = new List<SettingChange>();
        Set(sw, "threshold", "switch.threshold", threshold.ToString("R", CultureInfo.InvariantCulture), changes);
        Set(sw, "hold", "switch.hold", hold.ToString(CultureInfo.InvariantCulture), changes);
        ReplayPolicy current = root["replay"]?.GetValue<string>() == "reset" ? ReplayPolicy.Reset : ReplayPolicy.Resume;
        if (current != policy)
        {
            Set(root, "replay", "replay", policy == ReplayPolicy.Reset ? "\"reset\"" : "\"resume\"", changes);
        }

        if (replayFrames < receptiveFrames || root.ContainsKey("replay_frames"))
        {
            Set(root, "replay_frames", "replay_frames", replayFrames.ToString(CultureInfo.InvariantCulture), changes);
        }

        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = Indent(text),
            NewLine = newline,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep non-ASCII names and paths as written
        };
        string written = root.ToJsonString(options) + (text.EndsWith('\n') ? newline : "");
        return (new UTF8Encoding(false).GetBytes(written), changes);
    }

    /// <summary>Replaces <paramref name="path"/> by <paramref name="bytes"/>: a temporary file in the same folder, then a
    /// rename, so a reader never sees a half-written dsl.json.</summary>
    public static void WriteAtomically(string path, byte[] bytes) =>
        OutputFile.Write(path, bytes, e => $"{path}: cannot rewrite the routing settings ({e.Message}); is the model folder writable?");

    private static void Set(JsonObject obj, string key, string field, string json, List<SettingChange> changes)
    {
        string? old = obj[key]?.ToJsonString();
        if (old != json)
        {
            obj[key] = JsonNode.Parse(json);
        }

        changes.Add(new SettingChange(field, old, json));
    }

    /// <summary>Spaces before the first indented key (2 when the file has none).</summary>
    private static int Indent(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            int spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces > 0 && line.TrimStart().StartsWith('"'))
            {
                return Math.Min(spaces, 127);
            }
        }

        return 2;
    }
}
