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

    /// <summary>Instructions per MAC of one call of the path (heavy: no replay), or null when unknown.</summary>
    public static double? InstructionsPerMacCall(PathMeasurement p) =>
        p.MacsPerFrame > 0 && p.InstructionsPerCall is { } perCall ? perCall / p.MacsPerFrame : null;

    /// <summary>Share of one step in the instructions of one call of its path: of the measured per-call total
    /// when known, else of the steps' sum.</summary>
    public static double StepShare(PathMeasurement p, StepMeasurement step)
    {
        var total = p.InstructionsPerCall ?? p.Profile?.StepInstructions ?? 0;
        return total > 0 ? step.MeanInstructions / total : 0;
    }

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
        AppendHeavyCalls(sb, m);
        AppendProfiles(sb, m);

        return sb.ToString();
    }

    // One heavy call next to the replay-inclusive per-frame figures above.
    private static void AppendHeavyCalls(StringBuilder sb, BenchmarkMeasurements m)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = Ordered(m).Where(p => p.Path == "heavy" && p.InstructionsPerCall is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        sb.Append("\nOne heavy call (heavy frames after a heavy frame: no reset, no replay), and the routed heavy path against always-heavy: ");
        sb.Append("heavy-path instructions per frame over all frames of the audio (replay included) vs one call per frame:\n\n");
        sb.Append("| board | core | frames | instr/call mean | instr/MAC | routed heavy instr/frame | always-heavy instr/frame | routed / always-heavy |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var p in rows)
        {
            var ipm = InstructionsPerMacCall(p);
            sb.Append(c, $"| {p.Board} | {p.Core} | {p.CallFrames} | {p.InstructionsPerCall:0} | {(ipm is { } v ? v.ToString("0.00", c) : "-")} | ");
            double? routed = RoutedHeavyPerFrame(m, p);
            sb.Append(routed is { } r && p.InstructionsPerCall is { } call and > 0
                ? string.Create(c, $"{r:0} | {call:0} | {r / call:0.000} |\n")
                : "- | - | - |\n");
        }
    }

    /// <summary>Heavy-path instructions per frame over every frame of the run (light frames count 0), or null when
    /// the board's light row (every frame) is missing.</summary>
    public static double? RoutedHeavyPerFrame(BenchmarkMeasurements m, PathMeasurement heavy)
    {
        var light = m.Paths.FirstOrDefault(p => p.Board == heavy.Board && p.Path == "light");
        return light is null || light.Frames == 0 ? null : heavy.MeanInstructions * heavy.Frames / light.Frames;
    }

    private static void AppendProfiles(StringBuilder sb, BenchmarkMeasurements m)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = Ordered(m).Where(p => p.Profile is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        sb.Append("\n## Per-step profile\n\n");
        sb.Append("Instructions per call of each step (light: per frame; heavy: per heavy call, replayed calls included), ");
        sb.Append("its MACs, instructions per MAC and share of one call of the path (light: the frame; heavy: one call ");
        sb.Append("without reset or replay, as above). `outside steps` is the rest of the call (routing, handoff, prologue). ");
        sb.Append("Measured in a second build with the profiling hooks on (dsl_profile.h); the path rows above come from ");
        sb.Append("the build without them, where the hooks are empty and cost nothing.\n");
        foreach (var p in rows)
        {
            var profile = p.Profile!;
            sb.Append(c, $"\n### {p.Board} ({p.Core}), {p.Path} path\n\n");
            sb.Append(c, $"Hooks: {profile.HookInstructions} instructions per step when enabled ({profile.Steps.Count} steps: ");
            sb.Append(c, $"+{profile.HookInstructions * profile.Steps.Count} per call");
            if (profile.ProfiledInstructionsPerCall is { } profiled && p.InstructionsPerCall is { } plain)
            {
                sb.Append(c, $", measured {profiled - plain:+0;-0;0}");
            }

            sb.Append(c, $"); {profile.SubtractedInstructions} instructions (counter read and the hooks' share of the window) ");
            sb.Append("are subtracted from every step.\n\n");
            sb.Append("| # | op | node | shape | calls | instr/call | MACs | instr/MAC | share |\n");
            sb.Append("|---:|---|---|---|---:|---:|---:|---:|---:|\n");
            foreach (var s in profile.Steps)
            {
                var ipm = s.InstructionsPerMac;
                sb.Append(c, $"| {s.Step.Index} | {s.Step.Op} | `{s.Step.Node}` | {s.Step.Shape} | {s.Calls} | {s.MeanInstructions:0} | ");
                sb.Append(c, $"{s.Step.Macs} | {(ipm is { } v ? v.ToString("0.00", c) : "-")} | {100 * StepShare(p, s):0.0} % |\n");
            }

            if (p.InstructionsPerCall is { } total)
            {
                var outside = total - profile.StepInstructions;
                sb.Append(c, $"| | outside steps | | | | {outside:0} | | | {(total > 0 ? 100 * outside / total : 0):0.0} % |\n");
            }
        }
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

                if (p.Path == "heavy")
                {
                    // One heavy call, replay excluded (heavy frames after a heavy frame), next to the per-frame figures.
                    w.WriteNumber("call_frames", p.CallFrames);
                    WriteNumberOrNull(w, "instructions_per_call_mean", p.InstructionsPerCall is { } perCall ? Math.Round(perCall, 1) : null);
                    WriteNumberOrNull(w, "instructions_per_mac_call", InstructionsPerMacCall(p) is { } ipmCall ? Math.Round(ipmCall, 3) : null);
                    WriteNumberOrNull(w, "routed_instructions_per_frame_all_frames", RoutedHeavyPerFrame(m, p) is { } routed ? Math.Round(routed, 1) : null);
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

                if (p.Profile is { } profile)
                {
                    WriteProfile(w, p, profile);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteProfile(Utf8JsonWriter w, PathMeasurement p, PathProfile profile)
    {
        w.WriteStartObject("profile");
        w.WriteNumber("hook_instructions_per_step", profile.HookInstructions);
        w.WriteNumber("subtracted_instructions_per_step", profile.SubtractedInstructions);
        WriteNumberOrNull(w, "profiled_instructions_per_call", profile.ProfiledInstructionsPerCall is { } v ? Math.Round(v, 1) : null);
        w.WriteNumber("step_instructions_per_call", Math.Round(profile.StepInstructions, 1));
        w.WriteStartArray("steps");
        foreach (var s in profile.Steps)
        {
            w.WriteStartObject();
            w.WriteNumber("index", s.Step.Index);
            w.WriteString("op", s.Step.Op);
            w.WriteString("node", s.Step.Node);
            w.WriteString("shape", s.Step.Shape);
            w.WriteNumber("calls", s.Calls);
            w.WriteNumber("instructions_per_call_mean", Math.Round(s.MeanInstructions, 1));
            w.WriteNumber("macs_per_call", s.Step.Macs);
            WriteNumberOrNull(w, "instructions_per_mac", s.InstructionsPerMac is { } ipm ? Math.Round(ipm, 3) : null);
            w.WriteNumber("share_of_call", Math.Round(StepShare(p, s), 4));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
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
