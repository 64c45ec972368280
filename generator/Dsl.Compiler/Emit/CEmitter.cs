using System.Text;
using System.Text.RegularExpressions;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Writes the C of a <see cref="ModelProgram"/> (docs/generated-api.md): API header, light and heavy
/// path sources, weights, single-core wrapper, generic aliases, build configuration and the runtime
/// kernels the program calls. Output is a pure function of the inputs (byte for byte).
/// </summary>
public static partial class CEmitter
{
    /// <summary>
    /// Emits into <paramref name="outDir"/>, replacing it as a whole if dslc wrote it (see <see cref="OutputFolder"/>):
    /// everything is written to a staging sibling first, so a failure leaves the previous output (or none) in place.
    /// </summary>
    /// <returns>The files written, relative to <paramref name="outDir"/> with '/' separators, in ordinal order.</returns>
    public static IReadOnlyList<string> Emit(ModelProgram program, string outDir, EmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        var files = Render(program, options);
        Write(outDir, files, options);
        return [.. files.Keys];
    }

    /// <summary>All output files in memory, keyed by relative path.</summary>
    private static SortedDictionary<string, byte[]> Render(ModelProgram program, EmitOptions options)
    {
        Validate(program);
        var m = program.Name;
        var upper = m.ToUpperInvariant();
        var frameBytes = 2 * program.FrameSamples;
        var symbols = new CSymbols();
        // Each path in the variant of the core that runs it (one variant on single-core boards and the host).
        var variants = options.Variants;

        var lightSlices = new SliceExpr("light", new Dictionary<BufferRegion, (int, bool)>
        {
            [BufferRegion.Arena] = (program.Light.ArenaBytes, true),
            [BufferRegion.State] = (program.Light.StateBytes, true),
            [BufferRegion.Input] = (frameBytes, false),
            [BufferRegion.Handoff] = (program.HandoffBytes, true),
            [BufferRegion.Output] = (frameBytes, true),
        });
        var light = PathCoder.Code(program.Light, m, symbols, lightSlices, options.SpecialisationRule, program.Rounding,
            options.LayoutPlanFor(variants.Light));
        if (program.SwitchScore.Region is not (BufferRegion.Arena or BufferRegion.State))
            throw lightSlices.Invalid("switch score", $"slice {program.SwitchScore} must be in the light arena or state");
        var score = lightSlices.Read("switch score", program.SwitchScore, SliceExpr.Element.S8, 1);

        var heavy = PathCoder.Code(program.Heavy, m, symbols, new SliceExpr("heavy", new Dictionary<BufferRegion, (int, bool)>
        {
            [BufferRegion.Arena] = (program.Heavy.ArenaBytes, true),
            [BufferRegion.State] = (program.Heavy.StateBytes, true),
            [BufferRegion.Handoff] = (program.HandoffBytes, false),
            [BufferRegion.Output] = (program.Classes is { } c ? c.Count * c.ElementBytes : frameBytes, true),
        }), options.HeavySpecialisationRule, program.Rounding, options.LayoutPlanFor(variants.Heavy));

        var gate = program.Mode == RoutingMode.Gate || !program.HasLightOutput;
        var lightRegions = new SortedSet<BufferRegion>(light.StepRegions) { program.SwitchScore.Region };
        var lightDecls = new List<string>();
        var lightVoids = new List<string>();
        Declare(lightDecls, lightRegions, BufferRegion.Arena, "uint8_t *const arena = (uint8_t *)arena_words;");
        Declare(lightDecls, lightRegions, BufferRegion.State, "uint8_t *const state = (uint8_t *)state_words;");
        Declare(lightDecls, lightRegions, BufferRegion.Input, "const uint8_t *const input = (const uint8_t *)(const void *)in;");
        Declare(lightDecls, lightRegions, BufferRegion.Handoff,
            $"uint8_t *const handoff_slot = (uint8_t *)ring_words + r->next_slot * {upper}_HANDOFF_BYTES;");
        Declare(lightDecls, lightRegions, BufferRegion.Output, "uint8_t *const output = (uint8_t *)(void *)light_out;");
        if (!lightRegions.Contains(BufferRegion.Input)) lightVoids.Add("(void)in;");
        if (!lightRegions.Contains(BufferRegion.Output) && !gate) lightVoids.Add("(void)light_out;");
        // light_run receives the instance's storage: a part no step touches is still a parameter.
        Unused(lightVoids, lightRegions, program.Light, "ring_words");

        var heavyDecls = new List<string>();
        var heavyVoids = new List<string>();
        Declare(heavyDecls, heavy.StepRegions, BufferRegion.Arena, "uint8_t *const arena = (uint8_t *)arena_words;");
        Declare(heavyDecls, heavy.StepRegions, BufferRegion.State, "uint8_t *const state = (uint8_t *)state_words;");
        Declare(heavyDecls, heavy.StepRegions, BufferRegion.Handoff, "const uint8_t *const handoff_slot = (const uint8_t *)handoff;");
        Declare(heavyDecls, heavy.StepRegions, BufferRegion.Output, "uint8_t *const output = (uint8_t *)(void *)heavy_out;");
        if (!heavy.StepRegions.Contains(BufferRegion.Handoff)) heavyVoids.Add("(void)handoff;");
        if (!heavy.StepRegions.Contains(BufferRegion.Output)) heavyVoids.Add("(void)heavy_out;");
        Unused(heavyVoids, heavy.StepRegions, program.Heavy, null);

        // The silence gate (absent when dsl.json turns it off: then no file changes).
        var silence = program.Silence;
        var common = new Dictionary<string, object> { ["name"] = m, ["upper"] = upper, ["silence"] = silence is not null, ["resume"] = program.Replay == ReplayPolicy.Resume };
        foreach (var (k, v) in CClassHead.Variables(program, upper)) common[k] = v;
        Dictionary<string, object> With(params (string Key, object Value)[] extra)
        {
            var d = new Dictionary<string, object>(common);
            foreach (var (k, v) in extra) d[k] = v;
            return d;
        }

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [$"{m}.h"] = Text("model_h", With(
                ("sample_rate", program.SampleRate), ("frame_samples", program.FrameSamples),
                ("handoff_bytes", program.HandoffBytes), ("replay_frames", program.ReplayFrames),
                ("receptive_frames", program.ReceptiveFrames),
                ("hold_frames", program.HoldFrames), ("switch_threshold", CText.Int(program.SwitchThreshold)),
                ("light_arena_bytes", program.Light.ArenaBytes), ("light_state_bytes", program.Light.StateBytes),
                ("heavy_arena_bytes", program.Heavy.ArenaBytes), ("heavy_state_bytes", program.Heavy.StateBytes),
                ("light_steps", light.Steps.Count), ("heavy_steps", heavy.Steps.Count),
                ("mode", gate ? "gate" : "switch"),
                ("silence_threshold", silence?.Threshold ?? 0), ("silence_frames", silence?.QuietFrames ?? 0))),
            [$"{m}_light.c"] = Text("light_c", With(
                ("has_arena", program.Light.ArenaBytes > 0), ("has_state", program.Light.StateBytes > 0),
                ("steps", light.Steps), ("reset_lines", light.ResetLines),
                ("decls", lightDecls), ("voids", lightVoids), ("score", score), ("gate", gate),
                ("specialised", Specialised(light, variants.Light)))),
            [$"{m}_heavy.c"] = Text("heavy_c", With(
                ("has_arena", program.Heavy.ArenaBytes > 0), ("has_state", program.Heavy.StateBytes > 0),
                ("steps", heavy.Steps), ("reset_lines", heavy.ResetLines),
                ("decls", heavyDecls), ("voids", heavyVoids), ("specialised", Specialised(heavy, variants.Heavy)))),
            [$"{m}_model.c"] = Text("model_c", common),
            [$"{m}_weights.h"] = Text("weights_h", With(("arrays", light.Arrays.Concat(heavy.Arrays).ToList()))),
            [$"{m}_weights_light.c"] = Text("weights_c", With(("path", "light"), ("arrays", light.Arrays))),
            [$"{m}_weights_heavy.c"] = Text("weights_c", With(("path", "heavy"), ("arrays", heavy.Arrays))),
            ["dsl_model.h"] = Text("dsl_model_h", common),
            ["dsl_config.h"] = Text("dsl_config_h", With(
                ("double_rounding", program.Rounding == RoundingRule.Tflite),
                ("variants", ConfigVariants(variants)))),
        };

        // The light reset clears the handoff ring; gate mode zeroes light_out. Both use dsl_fill_s8.
        var lightKernels = new SortedSet<string>(light.Kernels, StringComparer.Ordinal) { "dsl_fill_s8" };
        if (silence is not null) lightKernels.UnionWith(["dsl_silent_s16", "dsl_fade_out_s16"]);
        foreach (var (path, bytes) in RuntimeFiles.Select(options.RuntimeDir, variants, lightKernels, heavy.Kernels, files.Values.ToList()))
            files.Add(path, bytes);
        return files;
    }

    /// <summary>The path's specialised step functions and the kernel bodies they inline (empty when none).</summary>
    private static string Specialised(PathCode path, KernelVariant variant)
    {
        var bodies = path.Specialised.Select(s => s.Body.For(variant)).Distinct().OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        var (header, prefix) = variant switch
        {
            KernelVariant.Dsp => ("dsl_kernel_dsp.h", "dsl_dsp_"),
            KernelVariant.Mve => ("dsl_kernel_mve.h", "dsl_mve_"),
            _ => ("", "dsl_"),
        };
        return CTemplates.Render("specialised_c", new Dictionary<string, object>
        {
            ["steps"] = path.Specialised, ["bodies"] = bodies, ["variant"] = variant.ToString().ToLowerInvariant(),
            ["variant_header"] = header, ["dot_prefix"] = prefix,
        });
    }

    /// <summary>dsl_config.h's kernel variants, most capable first, each with the ACLE macro of the core feature it
    /// needs: with two, each build (core) defines the variant its flags allow, which is its path's.</summary>
    private static List<Dictionary<string, object>> ConfigVariants(PathVariants variants) =>
        variants.Distinct.Reverse().Select(v => new Dictionary<string, object>
        {
            ["name"] = v.ToString().ToUpperInvariant(),
            ["feature"] = v switch
            {
                KernelVariant.Dsp => "__ARM_FEATURE_DSP",
                KernelVariant.Mve => "__ARM_FEATURE_MVE",
                _ => "",
            },
        }).ToList();

    private static void Declare(List<string> decls, IReadOnlySet<BufferRegion> used, BufferRegion region, string decl)
    {
        if (used.Contains(region)) decls.Add(decl);
    }

    /// <summary>Casts to void the storage parameters of a path's run function (arena_words, state_words and the
    /// light path's <paramref name="ring"/>) that exist but that no step uses.</summary>
    private static void Unused(List<string> voids, IReadOnlySet<BufferRegion> used, PathProgram path, string? ring)
    {
        if (path.ArenaBytes > 0 && !used.Contains(BufferRegion.Arena)) voids.Add("(void)arena_words;");
        if (path.StateBytes > 0 && !used.Contains(BufferRegion.State)) voids.Add("(void)state_words;");
        if (ring is not null && !used.Contains(BufferRegion.Handoff)) voids.Add($"(void){ring};");
    }

    private static byte[] Text(string template, IReadOnlyDictionary<string, object> variables) =>
        Encoding.ASCII.GetBytes(CTemplates.Render(template, variables));

    private static void Validate(ModelProgram p)
    {
        static ArgumentException Bad(string what) => new($"ModelProgram: {what}", "program");
        if (!CIdentifier().IsMatch(p.Name)) throw Bad($"Name '{p.Name}' is not a lower-case C identifier");
        if (p.FrameSamples <= 0 || p.SampleRate <= 0) throw Bad("SampleRate and FrameSamples must be positive");
        if (p.HandoffBytes <= 0) throw Bad("HandoffBytes must be positive (the heavy path reads the handoff)");
        if (p.ReplayFrames < 0 || p.HoldFrames < 0) throw Bad("ReplayFrames and HoldFrames must not be negative");
        if (p.ReplayFrames > p.ReceptiveFrames) throw Bad("ReplayFrames (K) must not exceed ReceptiveFrames (R)");
        if (p.Silence is { } s && (s.QuietFrames < 1 || s.Threshold is < 0 or > 32767 || p.FrameSamples > 65536))
            throw Bad("Silence needs QuietFrames >= 1, Threshold 0..32767 and at most 65536 samples per frame");
        if (p.Light.ArenaBytes < 0 || p.Light.StateBytes < 0 || p.Heavy.ArenaBytes < 0 || p.Heavy.StateBytes < 0)
            throw Bad("arena and state sizes must not be negative");
    }

    /// <summary>Writes the files into a staging sibling folder, then swaps it in for <paramref name="outDir"/>
    /// under the output-folder rule (<see cref="OutputFolder"/>).</summary>
    private static void Write(string outDir, SortedDictionary<string, byte[]> files, EmitOptions options)
    {
        OutputFolder folder = OutputFolder.Claim(outDir, ModelInputs.None.With([options.RuntimeDir]), "the emitted C");
        string staging = folder.NewStaging();
        try
        {
            foreach (var (relative, bytes) in files)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }

            folder.ReplaceWith(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"cannot write the generated C into {folder.Path}: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex CIdentifier();
}
