using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dsl.Compiler.Targets;

/// <summary>Renders <see cref="BenchmarkMeasurements"/> as markdown and JSON (pure functions: the same
/// measurements always give the same bytes).</summary>
public static class BenchmarkTable
{
    /// <summary>The label every rendering carries.</summary>
    public const string EstimateNote =
        "Instruction counts are measured deterministically in QEMU (SysTick under -icount), not cycles. " +
        "Load = mean instructions per frame x frames per second / core clock, assuming one instruction per cycle: " +
        "an instruction-count estimate, not a measured cycle count or time.";

    /// <summary>Instructions per MAC, or null when the path has no MACs.</summary>
    public static double? InstructionsPerMac(PathMeasurement p) =>
        p.MacsPerFrame > 0 ? p.MeanInstructions / p.MacsPerFrame : null;

    /// <summary>Estimated load of the core in percent (mean, or worst frame with <paramref name="peak"/>).</summary>
    public static double LoadPercent(BenchmarkMeasurements m, PathMeasurement p, bool peak = false) =>
        p.ClockHz <= 0 ? 0 : 100.0 * (peak ? p.MaxInstructions : p.MeanInstructions) * m.FramesPerSecond / p.ClockHz;

    public static string ToMarkdown(BenchmarkMeasurements m)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"# Benchmarks: {m.Model}\n\n");
        sb.Append(c, $"{m.SampleRate} Hz, {m.FrameSamples} samples per frame ({m.FramesPerSecond:0.##} frames/s), ");
        sb.Append(c, $"{m.AudioSeconds:0.#} s of audio.\n\n");
        sb.Append("> **Instruction-count estimate.** ").Append(EstimateNote).Append('\n');
        sb.Append("> Heavy-path counts are per heavy frame and include the replay on light-to-heavy transitions.\n\n");
        sb.Append("| board | core | path | clock MHz | frames | instr/frame mean | instr/frame max | instr/MAC | .text | .rodata | .bss | arena | state | est. load mean | est. load peak |\n");
        sb.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var p in Ordered(m))
        {
            var ipm = InstructionsPerMac(p);
            sb.Append(c, $"| {p.Board} | {p.Core} | {p.Path} | {p.ClockHz / 1e6:0.###} | {p.Frames} | ");
            if (p.Frames == 0)
            {
                // build-only board (or a path that never ran): sizes only
                sb.Append(c, $"- | - | - | {p.TextBytes} | {p.RodataBytes} | {p.BssBytes} | {p.ArenaBytes} | {p.StateBytes} | - | - |\n");
                continue;
            }

            sb.Append(c, $"{p.MeanInstructions:0} | {p.MaxInstructions} | {(ipm is { } v ? v.ToString("0.00", c) : "-")} | ");
            sb.Append(c, $"{p.TextBytes} | {p.RodataBytes} | {p.BssBytes} | {p.ArenaBytes} | {p.StateBytes} | ");
            sb.Append(c, $"{LoadPercent(m, p):0.0} % | {LoadPercent(m, p, peak: true):0.0} % |\n");
        }

        sb.Append("\nRows with `-` were not run (build-only boards): their sizes come from linking the path for that core.\n");

        return sb.ToString();
    }

    public static string ToJson(BenchmarkMeasurements m)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", m.Model);
            w.WriteNumber("sample_rate", m.SampleRate);
            w.WriteNumber("frame_samples", m.FrameSamples);
            w.WriteNumber("audio_seconds", Math.Round(m.AudioSeconds, 3));
            w.WriteString("note", EstimateNote);
            w.WriteStartArray("paths");
            foreach (var p in Ordered(m))
            {
                w.WriteStartObject();
                w.WriteString("board", p.Board);
                w.WriteString("core", p.Core);
                w.WriteString("path", p.Path);
                w.WriteNumber("clock_hz", p.ClockHz);
                w.WriteNumber("frames", p.Frames);
                w.WriteBoolean("measured", p.Frames > 0);
                w.WriteNumber("instructions_per_frame_mean", Math.Round(p.MeanInstructions, 1));
                w.WriteNumber("instructions_per_frame_max", p.MaxInstructions);
                w.WriteNumber("macs_per_frame", p.MacsPerFrame);
                if (p.Frames > 0 && InstructionsPerMac(p) is { } ipm)
                {
                    w.WriteNumber("instructions_per_mac", Math.Round(ipm, 3));
                }
                else
                {
                    w.WriteNull("instructions_per_mac");
                }

                w.WriteNumber("text_bytes", p.TextBytes);
                w.WriteNumber("rodata_bytes", p.RodataBytes);
                w.WriteNumber("bss_bytes", p.BssBytes);
                w.WriteNumber("arena_bytes", p.ArenaBytes);
                w.WriteNumber("state_bytes", p.StateBytes);
                if (p.Frames > 0)
                {
                    w.WriteNumber("estimated_load_mean_percent", Math.Round(LoadPercent(m, p), 2));
                    w.WriteNumber("estimated_load_peak_percent", Math.Round(LoadPercent(m, p, peak: true), 2));
                }
                else
                {
                    w.WriteNull("estimated_load_mean_percent");
                    w.WriteNull("estimated_load_peak_percent");
                }
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="markdownPath"/> and <paramref name="jsonPath"/>.</summary>
    public static void Write(BenchmarkMeasurements m, string markdownPath, string jsonPath)
    {
        try
        {
            File.WriteAllText(markdownPath, ToMarkdown(m), new UTF8Encoding(false));
            File.WriteAllText(jsonPath, ToJson(m), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Diagnostics.DslException(Diagnostics.DslErrorCode.Io,
                $"cannot write the benchmark table ({markdownPath}, {jsonPath}): {e.Message}", e);
        }
    }

    private static IEnumerable<PathMeasurement> Ordered(BenchmarkMeasurements m) =>
        m.Paths.OrderBy(p => p.Board, StringComparer.Ordinal).ThenBy(p => p.Path == "light" ? 0 : 1).ThenBy(p => p.Path, StringComparer.Ordinal);
}
