using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>The C files of an emitted model folder (<c>out/&lt;m&gt;/</c>, see docs/generated-api.md),
/// sorted by role.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Name">Model name (C prefix), e.g. <c>dsl_ref</c>.</param>
/// <param name="LightSources"><c>m_light.c</c> and <c>m_weights_light.c</c> (when present).</param>
/// <param name="HeavySources"><c>m_heavy.c</c> and <c>m_weights_heavy.c</c> (when present).</param>
/// <param name="SingleCoreSources"><c>m_model.c</c> (when present).</param>
/// <param name="RuntimeDir"><c>dsl_runtime/</c>, or null when the model uses no kernels.</param>
public sealed record ModelFolder(
    string Directory,
    string Name,
    IReadOnlyList<string> LightSources,
    IReadOnlyList<string> HeavySources,
    IReadOnlyList<string> SingleCoreSources,
    string? RuntimeDir)
{
    /// <summary>Reads a model folder. <paramref name="name"/> may be null: then the folder must hold
    /// exactly one <c>*_light.c</c>.</summary>
    public static ModelFolder Load(string directory, string? name = null)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DslException(DslErrorCode.Io, $"{directory}: model folder not found; run 'dslc generate' first");
        }

        if (name is null)
        {
            var lights = System.IO.Directory.EnumerateFiles(directory, "*_light.c")
                .Select(Path.GetFileName)
                .Where(f => f is not null && !f.Contains("_weights_", StringComparison.Ordinal))
                .ToList();
            if (lights.Count != 1)
            {
                throw new DslException(DslErrorCode.Io,
                    $"{directory}: expected exactly one <model>_light.c, found {lights.Count} ({string.Join(", ", lights)}); " +
                    "pass the model name");
            }

            name = lights[0]![..^"_light.c".Length];
        }

        string Need(string file)
        {
            var p = Path.Combine(directory, file);
            return File.Exists(p)
                ? p
                : throw new DslException(DslErrorCode.Io, $"{p}: missing from the model folder; run 'dslc generate' again");
        }

        IEnumerable<string> Maybe(string file)
        {
            var p = Path.Combine(directory, file);
            return File.Exists(p) ? [p] : [];
        }

        Need($"{name}.h");
        Need("dsl_model.h");
        var runtime = Path.Combine(directory, "dsl_runtime");
        return new ModelFolder(
            Path.GetFullPath(directory),
            name,
            [Need($"{name}_light.c"), .. Maybe($"{name}_weights_light.c")],
            [Need($"{name}_heavy.c"), .. Maybe($"{name}_weights_heavy.c")],
            [.. Maybe($"{name}_model.c")],
            System.IO.Directory.Exists(runtime) ? runtime : null);
    }

    /// <summary>The kernel variant named by dsl_config.h (<c>#define DSL_KERNEL_VARIANT_&lt;V&gt;</c>), or null.</summary>
    public KernelVariant? EmittedVariant
    {
        get
        {
            var config = Path.Combine(Directory, "dsl_config.h");
            if (!File.Exists(config))
            {
                return null;
            }

            var text = File.ReadAllText(config);
            foreach (var v in Enum.GetValues<KernelVariant>())
            {
                if (text.Contains($"DSL_KERNEL_VARIANT_{v.ToString().ToUpperInvariant()}", StringComparison.Ordinal))
                {
                    return v;
                }
            }

            return null;
        }
    }

    /// <summary>Throws <see cref="DslErrorCode.Board"/> when <paramref name="core"/> cannot execute what it would
    /// compile: the kernels of a folder with one kernel variant (flat dsl_runtime/), or the specialised code of the
    /// path(s) it runs (dsp or mve bodies, as a two-core board's folder has per path), on a core without DSP or Helium.</summary>
    /// <param name="role"><c>light</c>, <c>heavy</c>, <c>light+heavy</c> or <c>none</c>: the path(s) the core runs.</param>
    public void RequireRunnableOn(BoardProfile board, CoreProfile core, string role = "light+heavy")
    {
        var flat = RuntimeDir is not null && !System.IO.Directory.Exists(Path.Combine(RuntimeDir, "portable"));
        if (flat && EmittedVariant is { } v && !CanRun(core, v))
        {
            throw new DslException(DslErrorCode.Board,
                $"{Directory}: the model was emitted with {v.ToString().ToLowerInvariant()} kernels, but core '{core.Id}' " +
                $"({core.Cpu}) of board '{board.Name}' cannot run them ({board.FilePath}: kernel_variant " +
                $"{core.KernelVariant.ToString().ToLowerInvariant()}); emit the model for this board (dslc generate --board {board.Name}: " +
                $"each path in its core's variant) or with the board's common variant '{board.CommonKernelVariant.ToString().ToLowerInvariant()}'");
        }

        IEnumerable<string> sources = role switch
        {
            "light" => LightSources,
            "heavy" => HeavySources,
            "none" => [],
            _ => [.. LightSources, .. HeavySources],
        };
        foreach (var source in sources.Where(s => !Path.GetFileName(s).Contains("_weights_", StringComparison.Ordinal)))
        {
            if (SpecialisedVariant(source) is { } path && !CanRun(core, path))
            {
                throw new DslException(DslErrorCode.Board,
                    $"{source}: the path was emitted with {path.ToString().ToLowerInvariant()} kernels, but core '{core.Id}' " +
                    $"({core.Cpu}) of board '{board.Name}' runs it and cannot execute them ({board.FilePath}: kernel_variant " +
                    $"{core.KernelVariant.ToString().ToLowerInvariant()}); emit the model for this board (dslc generate --board {board.Name})");
            }
        }
    }

    private static bool CanRun(CoreProfile core, KernelVariant variant) => variant switch
    {
        KernelVariant.Dsp => core.Dsp,
        KernelVariant.Mve => core.Mve,
        _ => true,
    };

    /// <summary>The variant whose kernel header a path source includes for its specialised steps
    /// (<c>dsl_runtime/dsl_kernel_dsp.h</c> or <c>dsl_kernel_mve.h</c>), or null (portable C only).</summary>
    private static KernelVariant? SpecialisedVariant(string source)
    {
        var text = File.ReadAllText(source);
        foreach (var v in new[] { KernelVariant.Mve, KernelVariant.Dsp })
        {
            if (text.Contains($"#include \"dsl_runtime/dsl_kernel_{v.ToString().ToLowerInvariant()}.h\"", StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>
    /// Runtime kernel sources for <paramref name="variant"/>: when dsl_runtime/ has variant subfolders
    /// (portable/, dsp/, mve/), the variant's file of each kernel replaces the portable one of the same
    /// name; otherwise every .c under dsl_runtime/.
    /// </summary>
    public IReadOnlyList<string> RuntimeSources(KernelVariant variant)
    {
        if (RuntimeDir is null)
        {
            return [];
        }

        var portable = Path.Combine(RuntimeDir, "portable");
        var variantDir = Path.Combine(RuntimeDir, variant.ToString().ToLowerInvariant());
        if (!System.IO.Directory.Exists(portable))
        {
            return System.IO.Directory.EnumerateFiles(RuntimeDir, "*.c", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal).ToList();
        }

        var chosen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in System.IO.Directory.EnumerateFiles(portable, "*.c"))
        {
            chosen[Path.GetFileName(f)] = f;
        }

        if (variant != KernelVariant.Portable && System.IO.Directory.Exists(variantDir))
        {
            foreach (var f in System.IO.Directory.EnumerateFiles(variantDir, "*.c"))
            {
                chosen[Path.GetFileName(f)] = f;
            }
        }

        var loose = System.IO.Directory.EnumerateFiles(RuntimeDir, "*.c").Order(StringComparer.Ordinal);
        return [.. loose, .. chosen.Values];
    }

    /// <summary>Include directories: the model folder and every folder under dsl_runtime/ that holds headers.</summary>
    public IReadOnlyList<string> IncludeDirs()
    {
        var dirs = new List<string> { Directory };
        if (RuntimeDir is not null)
        {
            dirs.AddRange(System.IO.Directory.EnumerateFiles(RuntimeDir, "*.h", SearchOption.AllDirectories)
                .Select(f => Path.GetDirectoryName(f)!)
                .Distinct()
                .Order(StringComparer.Ordinal));
        }

        return dirs;
    }
}
