using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The runtime part of the output: every header of runtime-c/include/ (kernel files include internal
/// headers; copying them all needs no knowledge of which), and one source per kernel the program calls,
/// from src/&lt;variant&gt;/ when that variant has it, else from src/portable/.
/// </summary>
internal static class RuntimeFiles
{
    public const string Folder = "dsl_runtime";

    public static IEnumerable<(string Path, byte[] Bytes)> Select(EmitOptions options, IEnumerable<string> kernels)
    {
        var include = Path.Combine(options.RuntimeDir, "include");
        if (!Directory.Exists(include))
        {
            throw new DslException(DslErrorCode.Io,
                $"runtime folder {options.RuntimeDir} has no include/ (point the runtime directory at runtime-c/)");
        }

        var headers = Directory.GetFiles(include, "*.h").Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal);
        foreach (var header in headers)
            yield return ($"{Folder}/{header}", File.ReadAllBytes(Path.Combine(include, header)));

        foreach (var kernel in kernels.Order(StringComparer.Ordinal))
            yield return ($"{Folder}/{kernel}.c", File.ReadAllBytes(Source(options, kernel)));
    }

    /// <summary>The file that implements <paramref name="kernel"/> for the requested variant.</summary>
    public static string Source(EmitOptions options, string kernel)
    {
        var variant = Path.Combine(options.RuntimeDir, "src", VariantFolder(options.KernelVariant), kernel + ".c");
        if (File.Exists(variant)) return variant;
        var portable = Path.Combine(options.RuntimeDir, "src", VariantFolder(KernelVariant.Portable), kernel + ".c");
        if (File.Exists(portable)) return portable;
        throw new DslException(DslErrorCode.Io, $"runtime kernel {kernel} is missing: no {portable}");
    }

    private static string VariantFolder(KernelVariant variant) => variant.ToString().ToLowerInvariant();
}
