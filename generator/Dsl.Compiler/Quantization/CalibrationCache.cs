using System.Text.Json;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Quantization;

/// <summary>
/// Calibration results kept between runs: one JSON file per <see cref="CalibrationKey"/> under
/// <c>FOLDER/calibration/</c>, written atomically, so a repeated run with the same model, calibration audio and
/// options skips the float model's pass over the audio. An entry that cannot be read or parsed is a miss with a
/// warning (and is written anew), never an error; a cache that cannot be written costs a warning only. The precision
/// decision made from the ranges is kept beside them (<c>FOLDER/precision/</c>, its own key: <see cref="PrecisionEntryPath"/>).
/// </summary>
public sealed class CalibrationCache
{
    /// <summary>The environment variable that moves the default cache folder.</summary>
    public const string EnvironmentVariable = "DSLC_CACHE";

    public CalibrationCache(string folder)
    {
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary>Lookups answered from the cache in this process (what tests observe).</summary>
    public int Hits { get; private set; }

    /// <summary>Lookups that ran calibration.</summary>
    public int Misses { get; private set; }

    /// <summary>The default folder: <c>$DSLC_CACHE</c>, else <c>$XDG_CACHE_HOME/dslc</c>, else the user's cache
    /// folder (<c>~/.cache/dslc</c>; local application data on Windows).</summary>
    public static string DefaultFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "dslc");
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dslc")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dslc");
    }

    public string EntryPath(string key) => Path.Combine(Folder, "calibration", key + ".json");

    /// <summary>The ranges cached under <paramref name="key"/>, else <paramref name="run"/>'s (then cached).</summary>
    public CalibrationRanges GetOrRun(string key, Func<CalibrationRanges> run, Action<string>? progress, Action<string>? warning)
    {
        ArgumentNullException.ThrowIfNull(run);
        string path = EntryPath(key);
        if (Read(path, key, warning) is { } cached)
        {
            Hits++;
            progress?.Invoke($"calibration: from the cache ({path})");
            return cached;
        }

        Misses++;
        CalibrationRanges ranges = run();
        Store(path, CalibrationRangesJson.ToJson(ranges, key), warning);
        return ranges;
    }

    /// <summary>Where the precision decision (precision.json) made from the ranges of a run with precision key
    /// <paramref name="key"/> is kept, so a run in a fresh work folder skips the search too.</summary>
    public string PrecisionEntryPath(string key) => Path.Combine(Folder, "precision", key + ".json");

    /// <summary>Keeps <paramref name="json"/> (precision.json) as the decision for precision key <paramref name="key"/>.</summary>
    public void StorePrecision(string key, string json, Action<string>? warning) => Store(PrecisionEntryPath(key), json, warning);

    /// <summary>Writes an entry atomically; a failure costs a warning, never the run.</summary>
    private static void Store(string path, string text, Action<string>? warning)
    {
        try
        {
            OutputFile.Write(path, text, "--cache");
        }
        catch (DslException e)
        {
            warning?.Invoke($"calibration cache not written: {e.Message}");
        }
    }

    private static CalibrationRanges? Read(string path, string key, Action<string>? warning)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warning?.Invoke($"{path}: calibration cache entry unreadable ({e.Message}); calibrating again");
            return null;
        }

        try
        {
            return CalibrationRangesJson.Parse(text, key);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException
                                   or FormatException or ArgumentException or OverflowException)
        {
            warning?.Invoke($"{path}: calibration cache entry is damaged ({e.Message}); calibrating again");
            return null;
        }
    }
}
