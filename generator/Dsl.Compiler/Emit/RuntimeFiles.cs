using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The runtime part of the output: the headers of runtime-c/include/ that the emitted model or a shipped kernel
/// source includes, directly or through another header (<see cref="IncludeClosure"/>: a DSP-only build gets no
/// MVE header), and one source per kernel the program calls,
/// from src/&lt;variant&gt;/ when that variant has it, else from src/portable/. With one variant for both paths
/// the sources lie flat in dsl_runtime/; with two (a two-core board whose cores differ) dsl_runtime/portable/
/// holds every kernel the paths call and dsl_runtime/&lt;variant&gt;/ the variant's own files of the kernels its
/// path calls: a core compiles portable/ with its variant's files in their place (ModelFolder.RuntimeSources).
/// </summary>
internal static class RuntimeFiles
{
    public const string Folder = "dsl_runtime";

    public static IEnumerable<(string Path, byte[] Bytes)> Select(string runtimeDir, PathVariants variants,
        IEnumerable<string> lightKernels, IEnumerable<string> heavyKernels, IEnumerable<byte[]> emittedSources)
    {
        var include = Path.Combine(runtimeDir, "include");
        if (!Directory.Exists(include))
        {
            throw new DslException(DslErrorCode.Io,
                $"runtime folder {runtimeDir} has no include/ (point the runtime directory at runtime-c/)");
        }

        var all = new SortedSet<string>(lightKernels.Concat(heavyKernels), StringComparer.Ordinal);
        var sources = new List<(string Path, byte[] Bytes)>();
        if (variants.IsUniform)
        {
            foreach (var kernel in all)
                sources.Add(($"{Folder}/{kernel}.c", File.ReadAllBytes(Source(runtimeDir, variants.Light, kernel))));
        }
        else
        {
            sources.AddRange(TwoVariantSources(runtimeDir, variants, all, lightKernels, heavyKernels));
        }

        var texts = emittedSources.Concat(sources.Select(s => s.Bytes)).Select(IncludeClosure.Text);
        foreach (var header in IncludeClosure.Of(texts, include, Folder))
            yield return ($"{Folder}/{header}", File.ReadAllBytes(Path.Combine(include, header)));
        foreach (var source in sources)
            yield return source;
    }

    /// <summary>portable/ with every kernel, and each non-portable variant's own files of its path's kernels.</summary>
    private static IEnumerable<(string Path, byte[] Bytes)> TwoVariantSources(string runtimeDir, PathVariants variants,
        SortedSet<string> all, IEnumerable<string> lightKernels, IEnumerable<string> heavyKernels)
    {
        foreach (var kernel in all)
            yield return ($"{Folder}/{VariantFolder(KernelVariant.Portable)}/{kernel}.c", File.ReadAllBytes(Source(runtimeDir, KernelVariant.Portable, kernel)));
        var own = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variant, kernels) in new[] { (variants.Light, lightKernels), (variants.Heavy, heavyKernels) })
        {
            if (variant == KernelVariant.Portable) continue;
            foreach (var kernel in kernels)
            {
                var file = Path.Combine(runtimeDir, "src", VariantFolder(variant), kernel + ".c");
                if (File.Exists(file)) own[$"{Folder}/{VariantFolder(variant)}/{kernel}.c"] = file;
            }
        }

        foreach (var (relative, file) in own)
            yield return (relative, File.ReadAllBytes(file));
    }

    /// <summary>The file that implements <paramref name="kernel"/> for <paramref name="variant"/>.</summary>
    private static string Source(string runtimeDir, KernelVariant variant, string kernel)
    {
        var own = Path.Combine(runtimeDir, "src", VariantFolder(variant), kernel + ".c");
        if (File.Exists(own)) return own;
        var portable = Path.Combine(runtimeDir, "src", VariantFolder(KernelVariant.Portable), kernel + ".c");
        if (File.Exists(portable)) return portable;
        throw new DslException(DslErrorCode.Io, $"runtime kernel {kernel} is missing: no {portable}");
    }

    private static string VariantFolder(KernelVariant variant) => variant.ToString().ToLowerInvariant();
}
