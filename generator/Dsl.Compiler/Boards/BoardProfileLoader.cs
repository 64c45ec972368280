using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dsl.Compiler.Boards;

/// <summary>
/// Loads <c>boards/&lt;name&gt;.yaml</c> and validates it. Every error is a
/// <see cref="DslException"/> with <see cref="DslErrorCode.Board"/> whose message starts with
/// <c>file:line:column: field:</c> and says what is allowed.
/// </summary>
public static partial class BoardProfileLoader
{
    private static readonly string[] TopKeys = ["name", "description", "source", "cores", "paths", "shared", "glue", "qemu", "frame_budget_percent"];
    private static readonly string[] CoreKeys =
        ["id", "cpu", "fpu", "dsp", "mve", "clock_hz", "gcc_flags", "memory", "kernel_variant", "address_space", "power"];
    private static readonly string[] MemoryKeys = ["flash", "ram", "boot"];
    private static readonly string[] RegionKeys = ["origin", "size"];
    private static readonly string[] PathKeys = ["light", "heavy"];
    private static readonly string[] QemuKeys = ["machine", "icount_shift", "systick_ref_hz", "heavy_image", "heavy_start"];

    /// <summary>
    /// Loads a board by name (<c>boards/&lt;name&gt;.yaml</c> under <paramref name="boardsDir"/>) or by
    /// path to a YAML file.
    /// </summary>
    public static BoardProfile Load(string nameOrPath, string boardsDir)
    {
        var path = Resolve(nameOrPath, boardsDir);
        string text = InputFile.ReadText(path, "the board profile");

        return Parse(text, path);
    }

    /// <summary>Loads every <c>*.yaml</c> in <paramref name="boardsDir"/>, sorted by name.</summary>
    public static IReadOnlyList<BoardProfile> LoadAll(string boardsDir) =>
        ListNames(boardsDir).Select(n => Load(n, boardsDir)).ToList();

    /// <summary>Board names (file names without <c>.yaml</c>) in <paramref name="boardsDir"/>, sorted.</summary>
    public static IReadOnlyList<string> ListNames(string boardsDir)
    {
        if (!Directory.Exists(boardsDir))
        {
            throw new DslException(DslErrorCode.Io, $"{boardsDir}: boards directory not found");
        }

        return Directory.EnumerateFiles(boardsDir, "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Parses and validates profile text; <paramref name="filePath"/> is used in messages and
    /// must be named after the board (<c>&lt;name&gt;.yaml</c>).</summary>
    public static BoardProfile Parse(string yamlText, string filePath)
    {
        var file = filePath;
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yamlText));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                throw new DslException(DslErrorCode.Board,
                    $"{file}:1:1: a board profile must be a YAML mapping with the keys {string.Join(", ", TopKeys)}");
            }

            root = m;
        }
        catch (YamlException e)
        {
            throw new DslException(DslErrorCode.Board,
                $"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input (found by
            // fuzzing: an unclosed flow sequence '[' running into a later line; an event the
            // representation model does not handle).
            throw new DslException(DslErrorCode.Board,
                $"{file}:1:1: not valid YAML (the parser gave up: {e.Message}); check for an unclosed '[' or '{{' and unbalanced quotes", e);
        }

        var ctx = new Ctx(file);
        ctx.CheckKeys(root, "", TopKeys);

        var name = ctx.String(root, "", "name");
        var stem = Path.GetFileNameWithoutExtension(file);
        if (!BoardNameRegex().IsMatch(name))
        {
            throw ctx.Error(ctx.Value(root, "name")!, "name",
                $"'{name}' is not allowed; use letters, digits, '-', '_' and '.' starting with a letter or digit (it names the board's output folder)");
        }

        if (name != stem)
        {
            throw ctx.Error(ctx.Value(root, "name")!, "name",
                $"'{name}' must equal the file name '{stem}' (boards are found by file name)");
        }

        var description = ctx.String(root, "", "description");
        var source = ctx.String(root, "", "source");

        var coresNode = ctx.Value(root, "cores") as YamlSequenceNode
            ?? throw ctx.Error(ctx.Value(root, "cores") ?? root, "cores",
                "required: a list of cores (id, cpu, fpu, dsp, mve, clock_hz, gcc_flags, memory, kernel_variant)");
        if (coresNode.Children.Count == 0)
        {
            throw ctx.Error(coresNode, "cores", "at least one core is required");
        }

        var cores = new List<CoreProfile>();
        var coreNodes = new List<YamlNode>();
        for (var i = 0; i < coresNode.Children.Count; i++)
        {
            var field = $"cores[{i}]";
            if (coresNode.Children[i] is not YamlMappingNode cn)
            {
                throw ctx.Error(coresNode.Children[i], field, "must be a mapping with id, cpu, fpu, ...");
            }

            var core = ParseCore(ctx, cn, field);
            if (cores.Any(c => c.Id == core.Id))
            {
                throw ctx.Error(ctx.Value(cn, "id")!, field + ".id", $"duplicate core id '{core.Id}'");
            }

            cores.Add(core);
            coreNodes.Add(cn);
        }

        // Regions of cores in the same address space must not overlap.
        for (var i = 0; i < cores.Count; i++)
        {
            for (var j = i + 1; j < cores.Count; j++)
            {
                if (cores[i].AddressSpace != cores[j].AddressSpace)
                {
                    continue;
                }

                foreach (var (ni, ri) in Regions(cores[i]))
                {
                    foreach (var (nj, rj) in Regions(cores[j]))
                    {
                        if (ri.Overlaps(rj))
                        {
                            throw ctx.Error(coreNodes[j], $"cores[{j}].memory.{nj}",
                                $"{rj} overlaps cores[{i}].memory.{ni} {ri} of core '{cores[i].Id}' in address space " +
                                $"'{cores[i].AddressSpace}'; give each core its own part of the memory, or set " +
                                "address_space when the cores see different memories at the same address");
                        }
                    }
                }
            }
        }

        var pathsNode = ctx.Map(root, "", "paths");
        ctx.CheckKeys(pathsNode, "paths", PathKeys);
        var light = ctx.String(pathsNode, "paths", "light");
        var heavy = ctx.String(pathsNode, "paths", "heavy");
        var ids = string.Join(", ", cores.Select(c => c.Id));
        if (cores.All(c => c.Id != light))
        {
            throw ctx.Error(ctx.Value(pathsNode, "light")!, "paths.light", $"unknown core '{light}'; cores of this board: {ids}");
        }

        if (cores.All(c => c.Id != heavy))
        {
            throw ctx.Error(ctx.Value(pathsNode, "heavy")!, "paths.heavy", $"unknown core '{heavy}'; cores of this board: {ids}");
        }

        MemoryRegion? shared = null;
        if (ctx.Value(root, "shared") is { } sharedNode)
        {
            shared = ParseRegion(ctx, sharedNode, "shared");
            for (var i = 0; i < cores.Count; i++)
            {
                foreach (var (n, r) in Regions(cores[i]))
                {
                    if (shared.Overlaps(r))
                    {
                        throw ctx.Error(sharedNode, "shared",
                            $"{shared} overlaps cores[{i}].memory.{n} {r} of core '{cores[i].Id}'; the handoff region " +
                            "must be memory that no core links its own code or data into");
                    }
                }
            }
        }
        else if (light != heavy)
        {
            throw ctx.Error(pathsNode, "shared",
                $"light and heavy paths run on different cores ('{light}', '{heavy}'), so a 'shared' region " +
                "(origin, size) both cores can access is required for the handoff ring");
        }

        QemuProfile? qemu = null;
        if (ctx.Value(root, "qemu") is { } qn)
        {
            if (qn is not YamlMappingNode qm)
            {
                throw ctx.Error(qn, "qemu", "must be a mapping with machine, icount_shift, systick_ref_hz");
            }

            ctx.CheckKeys(qm, "qemu", QemuKeys);
            var machine = ctx.String(qm, "qemu", "machine");
            var shift = ctx.Integer(qm, "qemu", "icount_shift");
            if (shift is < 0 or > 10)
            {
                throw ctx.Error(ctx.Value(qm, "icount_shift")!, "qemu.icount_shift", $"{shift} is out of range; allowed 0..10");
            }

            var refHz = ctx.Integer(qm, "qemu", "systick_ref_hz");
            if (refHz <= 0)
            {
                throw ctx.Error(ctx.Value(qm, "systick_ref_hz")!, "qemu.systick_ref_hz", "must be a positive frequency in Hz");
            }

            QemuHeavyCore? heavyCore = null;
            if (light == heavy)
            {
                foreach (var key in new[] { "heavy_image", "heavy_start" })
                {
                    if (ctx.Value(qm, key) is { } extra)
                    {
                        throw ctx.Error(extra, "qemu." + key,
                            "only for boards whose light and heavy paths run on two cores; both paths run on one core here");
                    }
                }
            }
            else
            {
                // Two path cores in one QEMU run: dslc must know how to load the heavy core's image and start
                // that core; without both it cannot run the board, so it refuses the profile.
                if (ctx.Value(qm, "heavy_image") is null || ctx.Value(qm, "heavy_start") is null)
                {
                    throw ctx.Error(qm, "qemu",
                        $"light and heavy paths run on two cores ('{light}', '{heavy}'), so QEMU must load and start the heavy " +
                        $"core's image: set heavy_image ({string.Join(", ", QemuHeavyCore.Images)}) and heavy_start " +
                        $"({string.Join(", ", QemuHeavyCore.Starts)}, the SSE-200 dual-core machines such as mps2-an521); " +
                        "other dual-core machines are not supported yet: set paths.light and paths.heavy to the same core");
                }

                heavyCore = new QemuHeavyCore(
                    ctx.OneOf(qm, "qemu", "heavy_image", QemuHeavyCore.Images),
                    ctx.OneOf(qm, "qemu", "heavy_start", QemuHeavyCore.Starts));
            }

            qemu = new QemuProfile(machine, (int)shift, refHz, heavyCore);
        }

        string? glue = null;
        if (ctx.Value(root, "glue") is { } glueNode)
        {
            glue = ctx.String(root, "", "glue");
            if (!GlueNameRegex().IsMatch(glue))
            {
                throw ctx.Error(glueNode, "glue",
                    $"'{glue}' is not allowed; use lower-case letters, digits and '-' (it names the folder runtime-c/target/glue/<glue>)");
            }

            if (light == heavy)
            {
                throw ctx.Error(glueNode, "glue",
                    "only for boards whose light and heavy paths run on two cores (it holds the doorbell between them); both run on one core here");
            }

            if (qemu is not null)
            {
                // The emulated two-core test firmware brings its own doorbells (runtime-c/target/dsl_sse200.c).
                throw ctx.Error(glueNode, "glue", "not for emulated boards: their test harness provides the doorbells; remove glue or qemu");
            }
        }

        return new BoardProfile(name, description, source, cores, light, heavy, shared, qemu, file)
        {
            Glue = glue,
            FrameBudgetPercent = ParseFrameBudget(ctx, root),
        };
    }

    private static IEnumerable<(string Name, MemoryRegion Region)> Regions(CoreProfile c) =>
        c.Boot is null ? [("flash", c.Flash), ("ram", c.Ram)] : [("flash", c.Flash), ("ram", c.Ram), ("boot", c.Boot)];

    private static CoreProfile ParseCore(Ctx ctx, YamlMappingNode cn, string field)
    {
        ctx.CheckKeys(cn, field, CoreKeys);
        var id = ctx.String(cn, field, "id");
        if (!IdentifierRegex().IsMatch(id))
        {
            throw ctx.Error(ctx.Value(cn, "id")!, field + ".id",
                $"'{id}' is not allowed; use a lower-case C identifier ([a-z][a-z0-9_]*), it is used in file names");
        }

        var cpu = ctx.String(cn, field, "cpu");
        var cat = CpuCatalog.Find(cpu)
            ?? throw ctx.Error(ctx.Value(cn, "cpu")!, field + ".cpu",
                $"unknown cpu '{cpu}'; allowed: {string.Join(", ", CpuCatalog.Known.Select(k => k.Cpu))}");

        var fpu = ctx.String(cn, field, "fpu");
        if (!cat.Fpus.Contains(fpu))
        {
            throw ctx.Error(ctx.Value(cn, "fpu")!, field + ".fpu",
                $"'{fpu}' is not an FPU of {cpu}; allowed: {string.Join(", ", cat.Fpus)}");
        }

        var dsp = ctx.Bool(cn, field, "dsp");
        if (dsp && !cat.CanDsp)
        {
            throw ctx.Error(ctx.Value(cn, "dsp")!, field + ".dsp", $"{cpu} has no DSP extension; set dsp: false");
        }

        var mve = ctx.Bool(cn, field, "mve");
        if (mve && !cat.CanMve)
        {
            throw ctx.Error(ctx.Value(cn, "mve")!, field + ".mve", $"{cpu} has no Helium (MVE); set mve: false");
        }

        var clock = ctx.Integer(cn, field, "clock_hz");
        if (clock <= 0)
        {
            throw ctx.Error(ctx.Value(cn, "clock_hz")!, field + ".clock_hz", "must be a positive frequency in Hz");
        }

        var flagsNode = ctx.Value(cn, "gcc_flags") as YamlSequenceNode
            ?? throw ctx.Error(ctx.Value(cn, "gcc_flags") ?? cn, field + ".gcc_flags",
                $"required: a list of arm-none-eabi-gcc flags, e.g. [-mcpu={cpu}, -mthumb, -mfloat-abi=...]");
        var flags = new List<string>();
        foreach (var f in flagsNode.Children)
        {
            if (f is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
            {
                throw ctx.Error(f, field + ".gcc_flags", "each flag must be a non-empty string");
            }

            if (!GccFlagRegex().IsMatch(s.Value))
            {
                throw ctx.Error(f, field + ".gcc_flags",
                    $"'{s.Value}' is not a single gcc flag: flags are written unquoted into CMakeLists.txt and the .mk file, " +
                    "so each entry must start with '-' and hold only letters, digits and _ + = , . / : - (no spaces, quotes, ';', '$' or other shell characters); give each flag its own entry");
            }

            flags.Add(s.Value);
        }

        if (!flags.Any(f => f == $"-mcpu={cpu}" || f.StartsWith($"-mcpu={cpu}+", StringComparison.Ordinal)))
        {
            throw ctx.Error(flagsNode, field + ".gcc_flags", $"must contain -mcpu={cpu} (matching cpu)");
        }

        var floatAbi = flags.FirstOrDefault(f => f.StartsWith("-mfloat-abi=", StringComparison.Ordinal));
        if (floatAbi is null)
        {
            throw ctx.Error(flagsNode, field + ".gcc_flags",
                "must contain -mfloat-abi=soft|softfp|hard (it must match the libraries the firmware links)");
        }

        if (fpu == "none" && floatAbi != "-mfloat-abi=soft")
        {
            throw ctx.Error(flagsNode, field + ".gcc_flags", $"fpu is none, so the float ABI must be -mfloat-abi=soft, not {floatAbi}");
        }

        if (fpu != "none" && fpu != "auto" && !flags.Contains($"-mfpu={fpu}"))
        {
            throw ctx.Error(flagsNode, field + ".gcc_flags", $"must contain -mfpu={fpu} (matching fpu)");
        }

        if (mve && floatAbi == "-mfloat-abi=soft")
        {
            throw ctx.Error(flagsNode, field + ".gcc_flags", "-mfloat-abi=soft disables Helium in gcc; use softfp or hard with mve: true");
        }

        var variantText = ctx.String(cn, field, "kernel_variant");
        var variant = variantText switch
        {
            "portable" => KernelVariant.Portable,
            "dsp" => KernelVariant.Dsp,
            "mve" => KernelVariant.Mve,
            _ => throw ctx.Error(ctx.Value(cn, "kernel_variant")!, field + ".kernel_variant",
                $"'{variantText}' is not a kernel variant; allowed: portable, dsp, mve"),
        };
        if (variant == KernelVariant.Dsp && !dsp)
        {
            throw ctx.Error(ctx.Value(cn, "kernel_variant")!, field + ".kernel_variant", "dsp kernels need dsp: true");
        }

        if (variant == KernelVariant.Mve && !mve)
        {
            throw ctx.Error(ctx.Value(cn, "kernel_variant")!, field + ".kernel_variant", "mve kernels need mve: true");
        }

        var memory = ctx.Map(cn, field, "memory");
        ctx.CheckKeys(memory, field + ".memory", MemoryKeys);
        var flash = ParseRegion(ctx, ctx.Value(memory, "flash") ?? throw ctx.Missing(memory, field + ".memory.flash", "origin, size"),
            field + ".memory.flash");
        var ram = ParseRegion(ctx, ctx.Value(memory, "ram") ?? throw ctx.Missing(memory, field + ".memory.ram", "origin, size"),
            field + ".memory.ram");
        if (flash.Overlaps(ram))
        {
            throw ctx.Error(ctx.Value(memory, "ram")!, field + ".memory.ram", $"{ram} overlaps memory.flash {flash}");
        }

        MemoryRegion? boot = null;
        if (ctx.Value(memory, "boot") is { } bootNode)
        {
            boot = ParseRegion(ctx, bootNode, field + ".memory.boot");
            if (boot.Overlaps(flash) || boot.Overlaps(ram))
            {
                throw ctx.Error(bootNode, field + ".memory.boot",
                    $"{boot} overlaps memory.{(boot.Overlaps(flash) ? "flash" : "ram")}; boot is only for a reset vector " +
                    "address outside flash (omit it when flash starts at the vector table)");
            }

            if (boot.Size < 8)
            {
                throw ctx.Error(bootNode, field + ".memory.boot", "must hold at least 8 bytes (initial SP and reset address)");
            }
        }

        var addressSpace = ctx.Value(cn, "address_space") is null ? "system" : ctx.String(cn, field, "address_space");

        return new CoreProfile(id, cpu, fpu, dsp, mve, clock, flags, flash, ram, variant, addressSpace, boot)
        {
            Power = ctx.Value(cn, "power") is { } powerNode ? ParsePower(ctx, powerNode, field + ".power", clock) : null,
        };
    }

    private static MemoryRegion ParseRegion(Ctx ctx, YamlNode node, string field)
    {
        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "must be a mapping { origin: <address>, size: <bytes> }");
        }

        ctx.CheckKeys(m, field, RegionKeys);
        var origin = ctx.Size(m, field, "origin");
        var size = ctx.Size(m, field, "size");
        if (size == 0)
        {
            throw ctx.Error(ctx.Value(m, "size")!, field + ".size", "must be greater than 0");
        }

        if (origin + size > 0x1_0000_0000UL)
        {
            throw ctx.Error(m, field, $"origin 0x{origin:X} + size 0x{size:X} runs past the 32-bit address space");
        }

        return new MemoryRegion(origin, size);
    }

    /// <summary>One gcc flag that needs no quoting in sh, make or CMake ('=' and ',' for -mcpu=..., -Wl,...).</summary>
    [GeneratedRegex("^-[A-Za-z0-9_+=,./:-]+$")]
    private static partial Regex GccFlagRegex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex BoardNameRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex GlueNameRegex();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"^(?<n>0[xX][0-9a-fA-F_]+|[0-9_]+)\s*(?<u>[kKmM](i?[bB])?)?$")]
    private static partial Regex SizeRegex();

    private static string Resolve(string nameOrPath, string boardsDir)
    {
        var looksLikePath = nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains('/') || nameOrPath.Contains('\\');
        if (looksLikePath)
        {
            if (!File.Exists(nameOrPath))
            {
                throw new DslException(DslErrorCode.Board, $"{nameOrPath}: board profile file not found");
            }

            return nameOrPath;
        }

        var path = Path.Combine(boardsDir, nameOrPath + ".yaml");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(boardsDir) ? string.Join(", ", ListNames(boardsDir)) : "(boards directory not found)";
            throw new DslException(DslErrorCode.Board,
                $"unknown board '{nameOrPath}': no file {path}; known boards: {known}; or pass the path of a profile .yaml");
        }

        return path;
    }

    /// <summary>Parsing context: the file name for located messages.</summary>
    private sealed class Ctx(string file)
    {
        public DslException Error(YamlNode node, string field, string message) =>
            new(DslErrorCode.Board, $"{file}:{node.Start.Line}:{node.Start.Column}: {field}: {message}");

        public DslException Missing(YamlNode parent, string field, string what) =>
            Error(parent, field, $"required field is missing ({what})");

        public YamlNode? Value(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        public void CheckKeys(YamlMappingNode map, string field, string[] allowed)
        {
            foreach (var k in map.Children.Keys)
            {
                var key = (k as YamlScalarNode)?.Value ?? "?";
                if (!allowed.Contains(key))
                {
                    var where = field.Length == 0 ? key : $"{field}.{key}";
                    throw Error(k, where, $"unknown field; allowed here: {string.Join(", ", allowed)}");
                }
            }
        }

        public YamlMappingNode Map(YamlMappingNode map, string parent, string key)
        {
            var field = parent.Length == 0 ? key : $"{parent}.{key}";
            var v = Value(map, key) ?? throw Missing(map, field, "a mapping");
            return v as YamlMappingNode ?? throw Error(v, field, "must be a mapping");
        }

        public string String(YamlMappingNode map, string parent, string key)
        {
            var field = parent.Length == 0 ? key : $"{parent}.{key}";
            var v = Value(map, key) ?? throw Missing(map, field, "a string");
            if (v is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
            {
                throw Error(v, field, "must be a non-empty string");
            }

            return s.Value.Trim();
        }

        public string OneOf(YamlMappingNode map, string parent, string key, IReadOnlyList<string> allowed)
        {
            var value = String(map, parent, key);
            return allowed.Contains(value)
                ? value
                : throw Error(Value(map, key)!, $"{parent}.{key}", $"'{value}' is not supported; allowed: {string.Join(", ", allowed)}");
        }

        public bool Bool(YamlMappingNode map, string parent, string key)
        {
            var field = $"{parent}.{key}";
            var v = Value(map, key) ?? throw Missing(map, field, "true or false");
            return (v as YamlScalarNode)?.Value switch
            {
                "true" or "True" or "yes" => true,
                "false" or "False" or "no" => false,
                _ => throw Error(v, field, "must be true or false"),
            };
        }

        public long Integer(YamlMappingNode map, string parent, string key)
        {
            var field = parent.Length == 0 ? key : $"{parent}.{key}";
            var v = Value(map, key) ?? throw Missing(map, field, "an integer");
            var text = (v as YamlScalarNode)?.Value?.Replace("_", "", StringComparison.Ordinal);
            if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                throw Error(v, field, "must be an integer (decimal, '_' separators allowed)");
            }

            return n;
        }

        public ulong Size(YamlMappingNode map, string parent, string key)
        {
            var field = $"{parent}.{key}";
            var v = Value(map, key) ?? throw Missing(map, field, "an address or size: 0x20000000, 131072, 512K, 2M");
            var text = (v as YamlScalarNode)?.Value?.Trim() ?? "";
            var m = SizeRegex().Match(text);
            if (!m.Success)
            {
                throw Error(v, field, $"'{text}' is not an address or size; write 0x20000000, 131072, 512K or 2M");
            }

            var digits = m.Groups["n"].Value.Replace("_", "", StringComparison.Ordinal);
            var ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n)
                : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            var unit = m.Groups["u"].Success ? char.ToUpperInvariant(m.Groups["u"].Value[0]) : ' ';
            var scale = unit switch { 'K' => 1024UL, 'M' => 1024UL * 1024, _ => 1UL };
            if (!ok || n > 0x1_0000_0000UL / scale)
            {
                throw Error(v, field, $"'{text}' does not fit a 32-bit address space");
            }

            return n * scale;
        }
    }
}
