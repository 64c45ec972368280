using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs <c>arm-none-eabi-size -A</c> and sorts the sections into text / rodata / data / bss
/// (dsl_target.ld keeps constants in their own .rodata output section).</summary>
public static partial class ArmSize
{
    /// <summary>Sizes of <paramref name="elfPath"/>.</summary>
    public static SectionSizes Read(string elfPath, string sizeTool = "arm-none-eabi-size")
    {
        ToolRunner.Require(sizeTool);
        if (!File.Exists(elfPath))
        {
            throw new DslException(DslErrorCode.Io, $"{elfPath}: ELF file not found (was the build skipped?)");
        }

        var r = ToolRunner.Run(sizeTool, ["-A", "-d", elfPath], TimeSpan.FromMinutes(1));
        if (!r.Succeeded)
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"{sizeTool} failed on {elfPath} (exit code {r.ExitCode}): {r.StdErr.Trim()}");
        }

        return Parse(r.StdOut, elfPath);
    }

    /// <summary>Parses the System V style output of <c>size -A -d</c>.</summary>
    public static SectionSizes Parse(string output, string elfPath)
    {
        var sections = new List<KeyValuePair<string, long>>();
        long text = 0, rodata = 0, data = 0, bss = 0, shared = 0;
        var sawHeader = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "section" && parts[1] == "size")
            {
                sawHeader = true;
                continue;
            }

            if (!sawHeader || parts.Length < 3 || !parts[0].StartsWith('.'))
            {
                continue;
            }

            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var addr))
            {
                continue;
            }

            var name = parts[0];
            if (addr == 0 && IsNonAllocated(name))
            {
                continue;
            }

            sections.Add(new(name, size));
            switch (Classify(name))
            {
                case 't': text += size; break;
                case 'r': rodata += size; break;
                case 'd': data += size; break;
                case 'b': bss += size; break;
                case 's': shared += size; break;
            }
        }

        if (!sawHeader)
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"{elfPath}: unexpected arm-none-eabi-size output (no 'section size addr' header): {output.Trim()}");
        }

        return new SectionSizes(text, rodata, data, bss, sections, shared);
    }

    private static bool IsNonAllocated(string name) =>
        name.StartsWith(".debug", StringComparison.Ordinal) || name is ".comment" or ".ARM.attributes"
            || name.StartsWith(".stab", StringComparison.Ordinal) || name == ".symtab" || name == ".strtab"
            || name == ".shstrtab";

    private static char Classify(string name)
    {
        if (name.StartsWith(".rodata", StringComparison.Ordinal) || name.StartsWith(".ARM.ex", StringComparison.Ordinal)
            || name.StartsWith(".dsl_weights", StringComparison.Ordinal))
        {
            return 'r';
        }

        if (name.StartsWith(".data", StringComparison.Ordinal) || name is ".init_array" or ".fini_array" or ".preinit_array")
        {
            return name.StartsWith(".data", StringComparison.Ordinal) ? 'd' : 'r';
        }

        if (name.StartsWith(".bss", StringComparison.Ordinal) || name.StartsWith(".noinit", StringComparison.Ordinal)
            || name is ".heap" or ".stack" or ".stack_dummy")
        {
            return 'b';
        }

        if (name.StartsWith(".dsl_handoff", StringComparison.Ordinal))
        {
            return 's';
        }

        if (name.StartsWith(".text", StringComparison.Ordinal) || name is ".isr_vector" or ".vectors" or ".init" or ".fini"
            || name.StartsWith(".vector", StringComparison.Ordinal))
        {
            return 't';
        }

        return 't';
    }
}
