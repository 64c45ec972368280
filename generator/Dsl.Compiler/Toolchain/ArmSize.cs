using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs <c>arm-none-eabi-size -A</c> and sorts the sections into text / rodata / data / bss.</summary>
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

        var sizes = Parse(r.StdOut, elfPath);
        if (sizes.Sections.Any(kv => kv.Key.StartsWith(".rodata", StringComparison.Ordinal)))
        {
            return sizes;
        }

        // Linker scripts that merge .rodata into the .text output section (runtime-c/target/dsl_target.ld
        // does): split it out again from the data objects (symbol type OBJECT) placed in .text.
        var readelf = sizeTool.EndsWith("size", StringComparison.Ordinal) ? sizeTool[..^4] + "readelf" : "arm-none-eabi-readelf";
        if (!ToolRunner.IsInstalled(readelf))
        {
            return sizes;
        }

        var sections = ToolRunner.Run(readelf, ["-SW", elfPath], TimeSpan.FromMinutes(1));
        var symbols = ToolRunner.Run(readelf, ["-sW", elfPath], TimeSpan.FromMinutes(1));
        if (!sections.Succeeded || !symbols.Succeeded)
        {
            return sizes;
        }

        var rodata = Math.Min(ObjectBytesInText(sections.StdOut, symbols.StdOut), sizes.Text);
        return sizes with { Text = sizes.Text - rodata, Rodata = sizes.Rodata + rodata };
    }

    /// <summary>Bytes of data objects (symbol type OBJECT) that live in the <c>.text</c> section, from
    /// <c>readelf -SW</c> and <c>readelf -sW</c> output (symbols at the same address counted once).</summary>
    public static long ObjectBytesInText(string sectionsOutput, string symbolsOutput)
    {
        string? textIndex = null;
        foreach (var line in sectionsOutput.Split('\n'))
        {
            var m = SectionLineRegex().Match(line);
            if (m.Success && m.Groups["name"].Value == ".text")
            {
                textIndex = m.Groups["index"].Value;
                break;
            }
        }

        if (textIndex is null)
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var line in symbolsOutput.Split('\n'))
        {
            var p = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (p.Length >= 8 && p[3] == "OBJECT" && p[6] == textIndex && seen.Add(p[1])
                && long.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                total += size;
            }
        }

        return total;
    }

    [GeneratedRegex(@"^\s*\[\s*(?<index>\d+)\]\s+(?<name>\S+)")]
    private static partial Regex SectionLineRegex();

    /// <summary>Parses the System V style output of <c>size -A -d</c>.</summary>
    public static SectionSizes Parse(string output, string elfPath)
    {
        var sections = new List<KeyValuePair<string, long>>();
        long text = 0, rodata = 0, data = 0, bss = 0;
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
            }
        }

        if (!sawHeader)
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"{elfPath}: unexpected arm-none-eabi-size output (no 'section size addr' header): {output.Trim()}");
        }

        return new SectionSizes(text, rodata, data, bss, sections);
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
            || name is ".heap" or ".stack" or ".stack_dummy" || name.StartsWith(".dsl_handoff", StringComparison.Ordinal))
        {
            return 'b';
        }

        if (name.StartsWith(".text", StringComparison.Ordinal) || name is ".isr_vector" or ".vectors" or ".init" or ".fini"
            || name.StartsWith(".vector", StringComparison.Ordinal))
        {
            return 't';
        }

        return 't';
    }
}
