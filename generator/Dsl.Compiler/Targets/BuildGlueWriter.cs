using System.Globalization;
using System.Text;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>
/// Writes the per-core build glue of a board next to an emitted model:
/// <code>
/// &lt;out&gt;/&lt;core&gt;/CMakeLists.txt   static library of the core's path(s), the core's flags
/// &lt;out&gt;/&lt;core&gt;/&lt;m&gt;_&lt;core&gt;.mk     the same as a make fragment (include it, or make -f)
/// &lt;out&gt;/&lt;core&gt;/memory.ld        MEMORY of the core (+ SHARED / .dsl_handoff, BOOT)
/// &lt;out&gt;/&lt;core&gt;/dsl_app.ld        full linker script of an application image, INCLUDEs memory.ld
/// &lt;out&gt;/&lt;core&gt;/dsl_app_startup.c with --with-startup: vector table and reset handler (runtime-c/target/app)
/// &lt;out&gt;/&lt;core&gt;/dsl_glue*         boards with a glue key: the core's doorbell and cache glue (<see cref="BoardGlue"/>)
/// &lt;out&gt;/firmware/...              emulated boards: self-contained QEMU test firmware (harness,
///                                  startup, semihosting, linker scripts, CMake, make, run_qemu.sh)
/// </code>
/// Paths inside the glue are relative, so the model folder can be moved. Output is deterministic.
/// </summary>
public static class BuildGlueWriter
{
    /// <summary>The linker script of an application image, shipped in every core folder (runtime-c/target/app).</summary>
    public const string AppLinkerScript = "dsl_app.ld";

    /// <summary>The startup file <c>--with-startup</c> adds to every core folder (runtime-c/target/app).</summary>
    public const string AppStartup = "dsl_app_startup.c";

    /// <summary>Default glue folder for a board: <c>&lt;model&gt;/boards/&lt;board&gt;</c>.</summary>
    public static string DefaultDirectory(ModelFolder model, BoardProfile board) =>
        Path.Combine(model.Directory, "boards", board.Name);

    /// <summary>Writes the glue of <paramref name="board"/> for <paramref name="model"/> into
    /// <paramref name="outputDir"/> (default <see cref="DefaultDirectory"/>); firmware sources are
    /// copied from <paramref name="repo"/> (default <see cref="RepoLayout.Find"/>). <paramref name="withStartup"/>
    /// adds <see cref="AppStartup"/> to every core folder and to its CMake / make glue, so an application
    /// needs only its main() to link an image.</summary>
    public static GlueOutput Write(BoardProfile board, ModelFolder model, string? outputDir = null, RepoLayout? repo = null,
        bool withStartup = false)
    {
        var dir = Path.GetFullPath(outputDir ?? DefaultDirectory(model, board));
        var files = new List<string>();
        RepoLayout Layout() => repo ??= RepoLayout.Find();
        try
        {
            var cores = new List<CoreBuildPlan>();
            foreach (var (core, role) in BuildPlanner.PathCores(board))
            {
                var coreDir = Path.Combine(dir, core.Id);
                var plan = BuildPlanner.ForCore(board, core, role, model, coreDir);
                cores.Add(plan);
                Directory.CreateDirectory(coreDir);
                files.Add(Save(Path.Combine(coreDir, "memory.ld"), MemoryLd(board, core)));
                // The script that INCLUDEs memory.ld ships too, so the folder links on its own.
                var appDir = Path.Combine(Layout().TargetDir, "app");
                files.AddRange(CopyFiles(appDir, coreDir, withStartup ? [AppLinkerScript, AppStartup] : [AppLinkerScript]));
                files.AddRange(WriteTwoCoreSources(board, model, role, coreDir, board.IsSingleCore ? null : Layout()));
                if (board.Glue is not null)
                {
                    files.AddRange(BoardGlue.Write(board, core, role, model, coreDir, Layout()));
                }

                files.Add(Save(Path.Combine(coreDir, "CMakeLists.txt"), CMake(board, plan, coreDir, withStartup)));
                files.Add(Save(Path.Combine(coreDir, plan.Name + ".mk"), Make(board, plan, coreDir, withStartup)));
            }

            CoreBuildPlan? firmware = null;
            // Two-core emulated boards have no single-image test firmware (their run needs both images).
            if (board.Qemu is not null && board.IsSingleCore)
            {
                var fwDir = Path.Combine(dir, "firmware");
                var harnessDir = Path.Combine(fwDir, "harness");
                var targetDir = Path.Combine(fwDir, "target");
                var layout = Layout();
                files.AddRange(CopySources(layout.HarnessDir, harnessDir, "harness"));
                files.AddRange(CopySources(layout.TargetDir, targetDir, "target"));
                firmware = BuildPlanner.ForTestFirmware(board, model, harnessDir, targetDir, targetDir);
                files.Add(Save(Path.Combine(targetDir, "memory.ld"), MemoryLd(board, board.Light)));
                files.Add(Save(Path.Combine(fwDir, "CMakeLists.txt"), CMake(board, firmware, fwDir)));
                files.Add(Save(Path.Combine(fwDir, firmware.Name + ".mk"), Make(board, firmware, fwDir)));
                files.Add(Save(Path.Combine(fwDir, "run_qemu.sh"), RunScript(board, firmware)));
                TryMakeExecutable(Path.Combine(fwDir, "run_qemu.sh"));
            }

            files.Sort(StringComparer.Ordinal);
            return new GlueOutput(dir, files, cores, firmware);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DslException(DslErrorCode.Io, $"{dir}: cannot write build glue for board '{board.Name}': {e.Message}", e);
        }
    }

    /// <summary>On a board whose paths run on two cores, writes the <see cref="Emit.TwoCoreSources"/> of
    /// the core running <paramref name="role"/> into <paramref name="coreDir"/>; nothing otherwise.</summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteTwoCoreSources(BoardProfile board, ModelFolder model, string role, string coreDir, RepoLayout? repo)
    {
        if (board.IsSingleCore || role is not ("light" or "heavy") || repo is null)
        {
            return [];
        }

        Directory.CreateDirectory(coreDir);
        var files = Emit.TwoCoreSources.For(model.Name, role).Select(f => Save(Path.Combine(coreDir, f.Name), f.Text)).ToList();
        // The protocol header too, so the folder builds on its own (also for a model folder without dsl_runtime/).
        var protocol = Path.Combine(repo.RuntimeDir, "include", Emit.TwoCoreSources.ProtocolHeader);
        if (!File.Exists(protocol))
        {
            throw new DslException(DslErrorCode.Io, $"{protocol}: the handoff protocol header is missing (incomplete checkout?)");
        }

        var copy = Path.Combine(coreDir, Emit.TwoCoreSources.ProtocolHeader);
        File.Copy(protocol, copy, overwrite: true);
        files.Add(copy);
        return files;
    }

    /// <summary>The memory.ld of <paramref name="core"/>: FLASH and RAM from the profile, and on boards
    /// with a shared region a SHARED region holding the <c>.dsl_handoff</c> section.</summary>
    public static string MemoryLd(BoardProfile board, CoreProfile core)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"/* memory.ld - core '{core.Id}' ({core.Cpu}) of board '{board.Name}', generated by dslc from {Path.GetFileName(board.FilePath)}.\n");
        sb.Append(" * INCLUDEd by the linker script next to it (dsl_app.ld; dsl_target.ld in QEMU test firmware):\n");
        sb.Append(" * link with -T <script> -L <this folder>, or INCLUDE it from a script of your own. */\n");
        sb.Append("MEMORY\n{\n");
        sb.Append(Region("FLASH", "rx", core.Flash));
        sb.Append(Region("RAM", "rwx", core.Ram));
        var shared = !board.IsSingleCore ? board.Shared : null;
        if (shared is not null)
        {
            sb.Append(Region("SHARED", "rw", shared));
        }

        if (core.Boot is not null)
        {
            sb.Append(Region("BOOT", "rx", core.Boot));
        }

        sb.Append("}\n");
        if (core.Boot is not null)
        {
            sb.Append("\n/* Flash is not at the reset vector address: the core reads its initial SP and reset address from\n");
            sb.Append(" * BOOT; the full vector table stays in flash (the startup code points VTOR at it). */\n");
            sb.Append("SECTIONS\n{\n    .dsl_boot :\n    {\n        LONG(__stack_top__)\n        LONG(Reset_Handler | 1)\n    } > BOOT\n}\n");
        }

        if (shared is not null)
        {
            sb.Append("\n/* The object both cores share (<m>_shared, alone in .dsl_handoff) lives in memory both see at the same address. */\n");
            sb.Append("SECTIONS\n{\n");
            sb.Append(CultureInfo.InvariantCulture,
                $"    {BuildPlanner.HandoffSection} (NOLOAD) :\n    {{\n        . = ALIGN(4);\n        *({BuildPlanner.HandoffSection} {BuildPlanner.HandoffSection}.*)\n    }} > SHARED\n");
            sb.Append("}\n");
        }

        return sb.ToString();
    }

    private static string Region(string name, string attrs, MemoryRegion r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"    {name,-6} ({attrs,-3}) : ORIGIN = 0x{r.Origin:X8}, LENGTH = 0x{r.Size:X8} /* {Human(r.Size)} */\n");

    private static string Human(ulong bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
        : $"{bytes} bytes";

    /// <summary>A CMake project for <paramref name="plan"/> with paths relative to <paramref name="dir"/>; for a
    /// library with <paramref name="withStartup"/>, also the object library <c>&lt;name&gt;_startup</c>.</summary>
    public static string CMake(BoardProfile board, CoreBuildPlan plan, string dir, bool withStartup = false)
    {
        string Rel(string p) => Path.GetRelativePath(dir, p) is "." ? "${CMAKE_CURRENT_LIST_DIR}"
            : "${CMAKE_CURRENT_LIST_DIR}/" + Path.GetRelativePath(dir, p).Replace('\\', '/');
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {plan.Name} - {plan.Role} of board '{board.Name}', generated by dslc. Do not edit.\n");
        sb.Append(plan.IsExecutable
            ? "# Build: cmake -S . -B build && cmake --build build\n"
            : "# Standalone: cmake -S . -B build && cmake --build build. From your firmware project (any folder):\n"
              + "#   add_subdirectory(<this folder> <binary dir>)   # the binary dir is required for a folder outside your tree\n"
              + $"#   target_link_libraries(<your image> PRIVATE {plan.Name}{(withStartup ? $" {plan.Name}_startup" : "")})\n"
              + "# Your project sets the cross compiler itself (CMAKE_C_COMPILER arm-none-eabi-gcc, CMAKE_SYSTEM_NAME Generic).\n");
        sb.Append("cmake_minimum_required(VERSION 3.16)\n");
        sb.Append("if(NOT DEFINED PROJECT_NAME)\n");
        sb.Append("  set(CMAKE_SYSTEM_NAME Generic)\n  set(CMAKE_SYSTEM_PROCESSOR arm)\n");
        sb.Append(CultureInfo.InvariantCulture, $"  set(CMAKE_C_COMPILER {plan.Compiler})\n");
        sb.Append("  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)\nendif()\n");
        sb.Append(CultureInfo.InvariantCulture, $"project({plan.Name} C)\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"set({plan.Name.ToUpperInvariant()}_SOURCES\n");
        foreach (var s in plan.Sources)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {Rel(s)}\n");
        }

        sb.Append(")\n");
        var target = plan.Name;
        if (plan.IsExecutable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add_executable({target} ${{{plan.Name.ToUpperInvariant()}_SOURCES}})\n");
            sb.Append(CultureInfo.InvariantCulture, $"set_target_properties({target} PROPERTIES SUFFIX \".elf\")\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"add_library({target} STATIC ${{{plan.Name.ToUpperInvariant()}_SOURCES}})\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"target_include_directories({target} PUBLIC\n");
        foreach (var i in plan.IncludeDirs)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {Rel(i)}\n");
        }

        sb.Append(")\n");
        var targetFlags = plan.CFlags.Where(f => f.StartsWith("-m", StringComparison.Ordinal)).ToList();
        var otherFlags = plan.CFlags.Where(f => !f.StartsWith("-m", StringComparison.Ordinal)).ToList();
        sb.Append("# Core flags, on compile and link of whatever links this: the same ABI everywhere and the matching C library multilib.\n");
        sb.Append(CultureInfo.InvariantCulture, $"target_compile_options({target} PUBLIC {string.Join(" ", targetFlags)})\n");
        if (!plan.IsExecutable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"target_link_options({target} INTERFACE {string.Join(" ", targetFlags)})\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"target_compile_options({target} PRIVATE {string.Join(" ", otherFlags)})\n");
        if (plan.Defines.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"target_compile_definitions({target} PRIVATE\n");
            foreach (var d in plan.Defines)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  \"{d.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n");
            }

            sb.Append(")\n");
        }

        if (plan.LinkerScriptDir is not null)
        {
            var ld = Rel(plan.LinkerScriptDir);
            if (plan.IsExecutable)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"target_link_options({target} PRIVATE {string.Join(" ", targetFlags)} -L{ld} {string.Join(" ", plan.LinkFlags.Where(f => f != "-lgcc"))})\n");
                sb.Append(CultureInfo.InvariantCulture, $"target_link_libraries({target} PRIVATE gcc)\n");
                sb.Append(CultureInfo.InvariantCulture,
                    $"set_target_properties({target} PROPERTIES LINK_DEPENDS \"{ld}/memory.ld;{ld}/dsl_target.ld\")\n");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"# memory.ld of this core, found by {AppLinkerScript} (-T {AppLinkerScript}) or by your own script INCLUDE-ing it.\n");
                sb.Append(CultureInfo.InvariantCulture, $"target_link_options({target} INTERFACE -L{ld})\n");
                if (withStartup)
                {
                    sb.Append("\n# Optional: vector table + reset handler and the full linker script; link it too and write only main().\n");
                    sb.Append(CultureInfo.InvariantCulture, $"add_library({target}_startup OBJECT {Rel(Path.Combine(dir, AppStartup))})\n");
                    sb.Append(CultureInfo.InvariantCulture, $"target_compile_options({target}_startup PRIVATE {string.Join(" ", plan.CFlags)})\n");
                    sb.Append(CultureInfo.InvariantCulture,
                        $"target_link_options({target}_startup INTERFACE {string.Join(" ", targetFlags)} -nostartfiles -L{ld} \"-T{ld}/{AppLinkerScript}\")\n");
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A make fragment for <paramref name="plan"/> with paths relative to the fragment; for a library
    /// with <paramref name="withStartup"/>, also the startup object and the image link flags.</summary>
    public static string Make(BoardProfile board, CoreBuildPlan plan, string dir, bool withStartup = false)
    {
        var v = plan.Name.ToUpperInvariant();
        string Rel(string p) => $"$({v}_DIR)/" + Path.GetRelativePath(dir, p).Replace('\\', '/');
        var objects = ObjectNames(plan.Sources);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {plan.Name}.mk - {plan.Role} of board '{board.Name}', generated by dslc. Do not edit.\n");
        sb.Append(plan.IsExecutable
            ? $"# make -f {plan.Name}.mk            builds $({v}_ELF)\n"
            : $"# Include it from your Makefile (variables {v}_*; set {v}_BUILD first to build outside this folder), or run\n"
              + $"# make -f {plan.Name}.mk to build $({v}_LIB). Link your image with $({v}_LDFLAGS) (core flags: the matching C library)"
              + (withStartup ? $",\n# or with $({v}_STARTUP_OBJECT) and $({v}_IMAGE_LDFLAGS) (startup + {AppLinkerScript}) to write only main().\n" : ".\n"));
        sb.Append(CultureInfo.InvariantCulture, $"{v}_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_CC ?= {plan.Compiler}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_AR ?= {(plan.Compiler == "gcc" ? "ar" : "arm-none-eabi-ar")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_BUILD ?= $({v}_DIR)/build\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_TARGET_FLAGS := {string.Join(" ", plan.CFlags.Where(f => f.StartsWith("-m", StringComparison.Ordinal)))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_CFLAGS := $({v}_TARGET_FLAGS) {string.Join(" ", plan.CFlags.Where(f => !f.StartsWith("-m", StringComparison.Ordinal)))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_DEFINES :={string.Concat(plan.Defines.Select(d => " " + ShellQuote("-D" + d)))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_INCLUDES :={string.Concat(plan.IncludeDirs.Select(i => " -I" + Rel(i)))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{v}_SOURCES :=");
        foreach (var s in plan.Sources)
        {
            sb.Append(CultureInfo.InvariantCulture, $" \\\n    {Rel(s)}");
        }

        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"{v}_OBJECTS :={string.Concat(objects.Select(o => $" $({v}_BUILD)/{o}"))}\n");
        if (plan.LinkerScriptDir is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{v}_LDFLAGS := $({v}_TARGET_FLAGS) -L{Rel(plan.LinkerScriptDir)} {string.Join(" ", plan.LinkFlags)}\n");
        }

        var startup = withStartup && !plan.IsExecutable;
        if (startup)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{v}_LINKER_SCRIPT := {Rel(Path.Combine(dir, AppLinkerScript))}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{v}_STARTUP_OBJECT := $({v}_BUILD)/{Path.GetFileNameWithoutExtension(AppStartup)}.o\n");
            sb.Append(CultureInfo.InvariantCulture, $"{v}_IMAGE_LDFLAGS := $({v}_LDFLAGS) -nostartfiles -T $({v}_LINKER_SCRIPT)\n");
        }

        sb.Append('\n');
        if (plan.IsExecutable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{v}_ELF := $({v}_BUILD)/{plan.Name}.elf\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"{plan.Name}: $({v}_ELF)\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"$({v}_ELF): $({v}_OBJECTS)\n");
            sb.Append(CultureInfo.InvariantCulture, $"\t$({v}_CC) $({v}_OBJECTS) -o $@ $({v}_LDFLAGS)\n\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"{v}_LIB := $({v}_BUILD)/lib{plan.Name}.a\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"{plan.Name}: $({v}_LIB)\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"$({v}_LIB): $({v}_OBJECTS)\n");
            sb.Append(CultureInfo.InvariantCulture, $"\trm -f $@\n\t$({v}_AR) rcs $@ $({v}_OBJECTS)\n\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"$({v}_BUILD):\n\tmkdir -p $@\n\n");
        for (var i = 0; i < plan.Sources.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"$({v}_BUILD)/{objects[i]}: {Rel(plan.Sources[i])} | $({v}_BUILD)\n");
            sb.Append(CultureInfo.InvariantCulture, $"\t$({v}_CC) $({v}_CFLAGS) $({v}_DEFINES) $({v}_INCLUDES) -c $< -o $@\n");
        }

        if (startup)
        {
            sb.Append(CultureInfo.InvariantCulture, $"$({v}_STARTUP_OBJECT): {Rel(Path.Combine(dir, AppStartup))} | $({v}_BUILD)\n");
            sb.Append(CultureInfo.InvariantCulture, $"\t$({v}_CC) $({v}_CFLAGS) -c $< -o $@\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n.PHONY: {plan.Name}\n");
        return sb.ToString();
    }

    /// <summary>Object file names, unique even when two sources share a base name.</summary>
    private static List<string> ObjectNames(IReadOnlyList<string> sources)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var s in sources)
        {
            var baseName = Path.GetFileNameWithoutExtension(s);
            var name = baseName + ".o";
            for (var k = 2; !used.Add(name); k++)
            {
                name = $"{baseName}_{k}.o";
            }

            names.Add(name);
        }

        return names;
    }

    private static string RunScript(BoardProfile board, CoreBuildPlan firmware)
    {
        var q = board.Qemu!;
        return "#!/bin/sh\n"
            + $"# Runs the {board.Name} test firmware in QEMU: ./run_qemu.sh <input.pcm> <trace.bin> [elf]\n"
            + "# (input: raw int16 little-endian mono PCM; files are relative to the current directory).\n"
            + "# Exit code: 0 ok, 127 HardFault, 126 unexpected exception, 2/3 harness usage/I/O error.\n"
            + "set -e\n"
            + $"ELF=${{3:-$(dirname \"$0\")/build/{firmware.Name}.elf}}\n"
            + $"exec qemu-system-arm -M {q.Machine} -nographic -monitor none -serial none -icount shift={q.IcountShift} \\\n"
            + "  -chardev stdio,id=sh0 \\\n"
            + "  -semihosting-config \"enable=on,target=native,chardev=sh0,arg=firmware,arg=$1,arg=$2\" \\\n"
            + "  -kernel \"$ELF\"\n";
    }

    /// <summary>Copies the named files of <paramref name="from"/> into <paramref name="to"/>.</summary>
    private static IEnumerable<string> CopyFiles(string from, string to, IEnumerable<string> names)
    {
        var copied = new List<string>();
        foreach (var name in names)
        {
            var source = Path.Combine(from, name);
            if (!File.Exists(source))
            {
                throw new DslException(DslErrorCode.Io, $"{source}: missing (incomplete checkout?)");
            }

            var dest = Path.Combine(to, name);
            File.Copy(source, dest, overwrite: true);
            copied.Add(dest);
        }

        return copied;
    }

    private static IEnumerable<string> CopySources(string from, string to, string what)
    {
        if (!Directory.Exists(from))
        {
            throw new DslException(DslErrorCode.Io, $"{from}: {what} sources not found (incomplete checkout?)");
        }

        Directory.CreateDirectory(to);
        var copied = new List<string>();
        foreach (var f in Directory.EnumerateFiles(from).Order(StringComparer.Ordinal))
        {
            var ext = Path.GetExtension(f);
            if (ext is ".c" or ".h" or ".ld" && Path.GetFileName(f) != "memory.ld")
            {
                var dest = Path.Combine(to, Path.GetFileName(f));
                File.Copy(f, dest, overwrite: true);
                copied.Add(dest);
            }
        }

        return copied;
    }

    private static string Save(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
        return path;
    }

    private static void TryMakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private static string ShellQuote(string s) =>
        s.All(c => char.IsLetterOrDigit(c) || "-_=./+:".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
