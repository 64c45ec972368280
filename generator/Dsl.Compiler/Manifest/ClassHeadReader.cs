using System.Text.Json;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Manifest;

/// <summary>Reads and checks dsl.json 'classes' and 'negative_class' (the channel count is checked after import,
/// <see cref="Analysis.ClassHeadCheck"/>).</summary>
public static class ClassHeadReader
{
    public static ClassHead? Read(string path, JsonElement root, RoutingMode mode, IReadOnlyList<string> heavyOutputs, bool silenceGate)
    {
        bool hasClasses = root.TryGetProperty("classes", out JsonElement classes);
        bool hasNegative = root.TryGetProperty("negative_class", out JsonElement negative);
        if (!hasClasses)
        {
            return hasNegative
                ? throw Error(path, "field 'negative_class' needs 'classes' (the labels of the heavy output's channels)")
                : null;
        }

        if (classes.ValueKind != JsonValueKind.Array || classes.GetArrayLength() == 0
            || classes.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Error(path, "field 'classes' must be a non-empty list of strings (one label per channel of the heavy output)");
        }

        string[] labels = classes.EnumerateArray().Select(e => e.GetString()!).ToArray();
        var macros = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i].Trim().Length == 0)
            {
                throw Error(path, $"field 'classes[{i}]' is empty; give every class a label");
            }

            if (Array.IndexOf(labels, labels[i]) != i)
            {
                throw Error(path, $"field 'classes' lists \"{labels[i]}\" twice (at {Array.IndexOf(labels, labels[i])} and {i}); labels must be unique");
            }

            names[i] = MacroName(labels[i]);
            if (macros.TryGetValue(names[i], out int other))
            {
                throw Error(path, $"field 'classes': \"{labels[other]}\" and \"{labels[i]}\" both become the C name {names[i]}; rename one so they differ in letters or digits");
            }

            macros[names[i]] = i;
        }

        int negativeIndex = -1;
        if (hasNegative)
        {
            if (negative.ValueKind != JsonValueKind.String)
            {
                throw Error(path, "field 'negative_class' must be a string, one of 'classes'");
            }

            negativeIndex = Array.IndexOf(labels, negative.GetString());
            if (negativeIndex < 0)
            {
                throw Error(path, $"field 'negative_class' is \"{negative.GetString()}\", which is not in 'classes' ({string.Join(", ", labels)}); name one of them");
            }
        }

        if (mode != RoutingMode.Gate)
        {
            throw Error(path, "field 'classes' needs mode \"gate\" (a classifier head has no light audio output to switch to)");
        }

        if (heavyOutputs.Count != 1)
        {
            throw Error(path, $"field 'classes' labels one output, but 'heavy.outputs' has {heavyOutputs.Count}; list only the scores output");
        }

        if (silenceGate)
        {
            throw Error(path, "field 'classes' cannot be combined with an enabled 'silence_gate' (it fades audio, not class scores); remove 'silence_gate' or set its \"enabled\" to false");
        }

        return new ClassHead(labels, names, negativeIndex);
    }

    /// <summary>A label as a C macro suffix: ASCII letters and digits upper-cased, anything else '_' (a leading digit is
    /// fine: the suffix follows <c>_CLASS_</c>).</summary>
    public static string MacroName(string label) =>
        new(label.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());

    private static DslException Error(string path, string what) => new(DslErrorCode.Manifest, $"{path}: {what}");
}
