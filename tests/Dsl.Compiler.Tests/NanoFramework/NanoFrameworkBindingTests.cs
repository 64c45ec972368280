using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Cli.Commands;
using Dsl.Cli.Verbs;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Emit.NanoFramework;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Tests.Emit;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.NanoFramework;

/// <summary>
/// <c>generate --nanoframework</c> (docs/nanoframework.md): the managed part builds against nanoFramework.CoreLibrary
/// and its native method table is the one the generated C++ declares; the C++ glue compiles warning-free against
/// the checked-in stand-in of nanoFramework's interop headers and, called through that table as the CLR would,
/// is bit-exact with the golden model.
/// </summary>
public sealed class NanoFrameworkBindingTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-nf-tests-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Model folder, test clip, --int16 (null: dsl.json's choice), --rounding. The classifier heads
    /// (docs/classifier-heads.md) with int8 scores (tiny_gc, both rounding rules) and int16 scores (tiny_gc_8k): the
    /// scores array is sbyte[] or short[].</summary>
    public static TheoryData<string, string, string?, string> Models => new()
    {
        { Path.Combine("models", "dsl_soundstream_s"), Path.Combine("models", "dsl_soundstream_s", "test", "speech_noise_mixn_en_US_f_Allison_conf-adminmenu-18_p.wav"), null, "single" },
        { Path.Combine("tests", "fixtures", "tiny_dsl"), Path.Combine("tests", "fixtures", "tiny_dsl", "test", "synth.wav"), null, "single" },
        { Path.Combine("tests", "fixtures", "tiny_gc"), Path.Combine("tests", "fixtures", "tiny_gc", "test", "synth.wav"), null, "single" },
        { Path.Combine("tests", "fixtures", "tiny_gc"), Path.Combine("tests", "fixtures", "tiny_gc", "test", "synth.wav"), null, "tflite" },
        { Path.Combine("tests", "fixtures", "tiny_gc_8k"), Path.Combine("tests", "fixtures", "tiny_gc_8k", "test", "synth.wav"), "scores", "single" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Binding_builds_and_its_native_glue_matches_the_golden_model(string model, string clip, string? int16, string rounding)
    {
        var options = new GenerateOptions
        {
            Model = Path.Combine(Fixtures.RepoRoot, model), Out = Path.Combine(_work, "out"), NanoFramework = true, Quiet = true, Int16 = int16,
            Rounding = rounding,
        };
        Assert.Equal(0, GenerateCommand.Run(options));
        CompiledModel compiled = CommandSupport.Compile(options, _ => { });
        ModelProgram program = compiled.Program;
        var names = NanoFrameworkNames.Of(program.Name);
        var nf = Path.Combine(options.Out, NanoFrameworkEmitter.FolderName);

        // (1) The managed part builds with the .NET SDK against nanoFramework's mscorlib alone.
        Run("dotnet", ["build", Path.Combine(nf, names.Assembly + ".csproj"), "-c", "Release", "-nologo", "-v", "q"], nf);
        var dll = Directory.GetFiles(Path.Combine(nf, "bin"), names.Assembly + ".dll", SearchOption.AllDirectories).Single();
        var (rows, typesWithMethods, references) = ManagedMethodTable.Read(dll);
        Assert.Equal(["mscorlib"], references);

        // The table the C++ declares is the one the built assembly implies, row for row, and so is its checksum.
        Assert.Equal(1, typesWithMethods);
        Assert.Equal(NanoFrameworkEmitter.MethodTable(program), rows);
        var tableCpp = File.ReadAllText(Path.Combine(nf, "native", names.SafeAssembly + ".cpp"));
        Assert.Contains($"    \"{names.Assembly}\",\n    0x{NativeChecksum.Of(names.Assembly, rows):X8},\n    method_lookup,\n    {{ 1, 0, 0, 0 }}\n", tableCpp);
        foreach (var row in rows)
        {
            Assert.Contains(row.IsNative ? $"    {names.LibraryStruct}::{row.NativeName},\n" : "    nullptr,\n", tableCpp);
        }

        // nf-interpreter's CMake (FindNF_NativeAssemblies.cmake, AddNativeAssemblyVersion) reads checksum and version
        // from the table file with this pattern; the firmware's native assembly list needs it to match.
        var version = Regex.Match(tableCpp, $@"[ \t\r\n]+CLR_RT_NativeAssemblyData[ \t\r\n]+g_CLR_AssemblyNative_{names.SafeAssembly}[ \t\r\n]*=[^{{]+{{[^0]+0x([0-9A-Za-z]+)[^{{]+{{[ \t\r\n]*([0-9]+)[ \t\r\n]*,[ \t\r\n]*([0-9]+)[ \t\r\n]*,[ \t\r\n]*([0-9]+)[ \t\r\n]*,[ \t\r\n]*([0-9]+)");
        Assert.True(version.Success, "nf-interpreter's CMake would not find the checksum");
        Assert.Equal($"{NativeChecksum.Of(names.Assembly, rows):X8} 1.0.0.0",
            $"{version.Groups[1].Value} {version.Groups[2].Value}.{version.Groups[3].Value}.{version.Groups[4].Value}.{version.Groups[5].Value}");

        // The firmware's CMake module lists the glue and every C file of the output, and nothing that is not there.
        var module = Run("cmake", [$"-DMODULE={Path.Combine(nf, "native", $"FindINTEROP-{names.Assembly}.cmake")}", $"-DASSEMBLY={names.Assembly}",
            $"-DDSL_{program.Name.ToUpperInvariant()}_DIR={options.Out}", "-P", Path.Combine(Fixtures.RepoRoot, "tests", "nanoframework", "check_find_module.cmake")], _work);
        var listed = Regex.Matches(module, "-- source (.+)").Select(m => m.Groups[1].Value.Trim()).Order(StringComparer.Ordinal);
        var expected = Directory.GetFiles(options.Out, "*.c").Concat(Directory.GetFiles(Path.Combine(options.Out, "dsl_runtime"), "*.c"))
            .Concat(Directory.GetFiles(Path.Combine(nf, "native"), "*.cpp")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed);

        // (2) The glue on the host, at the rows read from the assembly, on one clip: the clip, then digital silence
        // as long, then the clip again (both routes and, with a gate, every silence state).
        short[] audio = WavFile.ReadMono16(Path.Combine(Fixtures.RepoRoot, clip), program.SampleRate);
        short[] whole = audio[..(audio.Length / program.FrameSamples * program.FrameSamples)];
        var (heavy, gated) = AssertGlueMatchesGolden(program, options.Out, rows, [.. whole, .. new short[whole.Length], .. whole]);
        Assert.True(heavy > 0 && gated < whole.Length * 3 / program.FrameSamples, "one route only");
        Assert.True(program.Silence is null || gated > 0, "the silence gate never closed");
        Assert.True(heavy < whole.Length * 3 / program.FrameSamples || program.Classes is null, "no gated frame: the gated scores were not exercised");
        if (program.Classes is { } classes)
        {
            Assert.Equal(int16 is null ? 1 : 2, classes.ElementBytes); // the scores array type under test
        }
    }

    /// <summary>Other shapes than the shipped models': no silence gate (tiny), gate mode with no state, replay or hold
    /// (minimal). The binding is byte-identical when emitted twice, and its glue is bit-exact on noise with triggers.</summary>
    [Theory]
    [InlineData("tiny")]
    [InlineData("tiny-gate")]
    [InlineData("minimal")]
    public void Glue_is_deterministic_and_bit_exact_on_other_shapes(string shape)
    {
        ModelProgram program = shape switch
        {
            "tiny" => EmitTestPrograms.Tiny(),
            "tiny-gate" => EmitTestPrograms.Tiny(mode: RoutingMode.Gate, historyZeroPoint: 300, scoreInState: true),
            _ => EmitTestPrograms.Minimal(),
        };
        var outDir = Path.Combine(_work, "out");
        var sources = CEmitter.Emit(program, outDir, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c")));
        var files = NanoFrameworkEmitter.Emit(program, outDir, sources);
        var again = Path.Combine(_work, "again");
        Assert.Equal(files, NanoFrameworkEmitter.Emit(program, again, sources));
        foreach (var f in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(outDir, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(again, f))), f);
        }

        var pcm = new short[64 * program.FrameSamples];
        var seed = 7u;
        for (var i = 0; i < pcm.Length; i++)
        {
            seed = (seed * 1103515245u) + 12345u;
            pcm[i] = (short)(((int)(seed >> 16) % 16000) - 8000);
        }

        for (var f = 0; f < 64; f++)
        {
            pcm[f * program.FrameSamples] = (short)(f % 7 is 0 or 3 ? 16384 : 1000); // switch score in[0] / 512: triggers on some frames
        }

        var (heavy, _) = AssertGlueMatchesGolden(program, outDir, NanoFrameworkEmitter.MethodTable(program), pcm);
        if (program.SwitchThreshold <= -128)
        {
            Assert.Equal(64, heavy); // minimal: every frame triggers
        }
        else
        {
            Assert.InRange(heavy, 1, 63);
        }
    }

    /// <summary>Runs the host driver over <paramref name="pcm"/> (whole frames) and asserts every frame's route, silence
    /// state, switch score and output equal the golden model's; returns the heavy and the gated frame counts.</summary>
    private (int Heavy, int Gated) AssertGlueMatchesGolden(ModelProgram program, string outDir, IReadOnlyList<NativeMethodEntry> rows, short[] pcm)
    {
        int Row(string nativeName) => rows.Select((r, i) => (r, i)).Single(x => x.r.NativeName == nativeName).i;
        var driver = BuildHostDriver(outDir, program, NanoFrameworkNames.Of(program.Name),
            Row("Reset___STATIC__VOID"), Row("get_SwitchThreshold___STATIC__I4"), Row("set_SwitchThreshold___STATIC__VOID__I4"),
            Row(NativeProcessName(program)));
        var inPcm = Path.Combine(_work, "in.pcm");
        var outPcm = Path.Combine(_work, "out.pcm");
        File.WriteAllBytes(inPcm, System.Runtime.InteropServices.MemoryMarshal.AsBytes(pcm.AsSpan()).ToArray());
        var lines = Run(driver, [inPcm, outPcm], _work).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal($"default_threshold {program.SwitchThreshold}", lines[0]);
        Assert.Equal($"threshold {program.SwitchThreshold}", lines[1]);
        List<FrameRecord> golden = new GoldenModel(program).RunClip(pcm);
        var lightOnly = new GoldenModel(program); // the light path alone gives each frame's silence state
        // The output file holds the routed frames (int16) or, with a classifier head, the scores (int8 or int16).
        short[] output = program.Classes is { ElementBytes: 1 } ? [.. File.ReadAllBytes(outPcm).Select(b => (short)(sbyte)b)] : ReadPcm(outPcm);
        int values = program.HeavyOutValues;
        Assert.Equal(golden.Count * values, output.Length);
        Assert.Equal(golden.Count, lines.Length - 4);
        int heavy = 0, gated = 0;
        for (var f = 0; f < golden.Count; f++)
        {
            var fields = lines[2 + f].Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Decision d = lightOnly.LightProcess(pcm[(f * program.FrameSamples)..((f + 1) * program.FrameSamples)], new short[program.FrameSamples]);
            Assert.Equal([f, golden[f].Process.Route, (int)d.Silence, golden[f].Process.SwitchScore], fields);
            Assert.True(golden[f].Process.Out.AsSpan().SequenceEqual(output.AsSpan(f * values, values)), $"frame {f} output differs");
            heavy += fields[1];
            gated += fields[2] != 0 ? 1 : 0;
        }

        log.WriteLine($"{program.Name}: {golden.Count} frames bit-exact, {heavy} heavy, {gated} gated by silence");
        // The native side refuses what the managed side checks: null input, a short output.
        Assert.Equal("null_input 0xCE000000", lines[^2]);
        Assert.Equal("short_output 0xFD000000", lines[^1]);
        return (heavy, gated);
    }

    /// <summary>The NativeProcess row's name: the output array is sbyte[] for int8 class scores, else short[].</summary>
    private static string NativeProcessName(ModelProgram program) =>
        "NativeProcess___STATIC__I4__SZARRAY_I2__" + (program.Classes is { ElementBytes: 1 } ? "SZARRAY_I1" : "SZARRAY_I2");

    /// <summary>An audio model and classifier heads with int8 and int16 scores (null: EmitTestPrograms.Tiny()).</summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("tiny_gc", null)]
    [InlineData("tiny_gc_8k", "scores")]
    public void Managed_argument_checks_throw_before_native_code(string? fixture, string? int16)
    {
        // The generated class compiled for desktop .NET with tests/nanoframework/ManagedChecks.cs: the checks run as
        // they would on a device; a valid frame gets as far as the native method, which desktop .NET refuses.
        var outDir = Path.Combine(_work, "out");
        ModelProgram program = ProgramOf(fixture, int16);
        NanoFrameworkEmitter.Emit(program, outDir, CEmitter.Emit(program, outDir, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"))));
        var nf = Path.Combine(outDir, NanoFrameworkEmitter.FolderName);
        var project = Path.Combine(_work, "checks");
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(nf, "Directory.Build.props"), Path.Combine(project, "Directory.Build.props"));
        File.Copy(Path.Combine(nf, "Directory.Packages.props"), Path.Combine(project, "Directory.Packages.props"));
        File.WriteAllText(Path.Combine(project, "ManagedChecks.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="{nf}/*.cs" />
                <Compile Include="{Path.Combine(Fixtures.RepoRoot, "tests", "nanoframework", "ManagedChecks.cs")}" />
              </ItemGroup>
            </Project>
            """);
        Run("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q", "-o", Path.Combine(project, "bin")], project);
        var lines = Run("dotnet", [Path.Combine(project, "bin", "ManagedChecks.dll")], project).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (program.Classes is not { } c)
        {
            Assert.Equal(
            [
                "null_input ArgumentNullException input", "null_output ArgumentNullException output",
                "short_input ArgumentException input", "long_output ArgumentException output",
                "same_array ArgumentException output", "valid SecurityException",
            ], lines);
            return;
        }

        // sbyte[] scores cannot be the input array: no same-array case then. ArgMax picks the first of equal maxima
        // (the C rule); constants and labels are the program's.
        var scale = c.FixedScale;
        Assert.Equal(
        [
            "null_input ArgumentNullException input", "null_output ArgumentNullException scores",
            "short_input ArgumentException input", "long_output ArgumentException scores",
            .. c.ElementBytes == 2 && c.Count == program.FrameSamples ? new[] { "same_array ArgumentException scores" } : [],
            "valid SecurityException",
            "argmax_null ArgumentNullException scores", "argmax_short ArgumentException scores",
            $"argmax_tie {Math.Min(1, c.Count - 1)}", $"argmax_last {c.Count - 1}", $"argmax_gated {Math.Max(0, c.NegativeIndex)}",
            $"constants {c.Count} {c.Quant.ZeroPoint} {scale.ScaleQ} {scale.ScaleShift} {c.NegativeIndex}",
            "labels " + string.Join('|', c.Head.Labels),
        ], lines);
    }

    /// <summary>EmitTestPrograms.Tiny() or a fixture's compiled program.</summary>
    private ModelProgram ProgramOf(string? fixture, string? int16)
    {
        if (fixture is null)
        {
            return EmitTestPrograms.Tiny();
        }

        var options = new GenerateOptions { Model = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", fixture), Quiet = true, Int16 = int16 };
        return CommandSupport.Compile(options, _ => { }).Program;
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("tiny_gc", null)]
    [InlineData("tiny_gc_8k", "scores")]
    public void Glue_compiles_warning_free_for_cortex_m_with_arm_none_eabi_gpp(string? fixture, string? int16)
    {
        if (!ToolGate.Have("arm-none-eabi-g++"))
        {
            log.WriteLine("arm-none-eabi-g++ is not installed: Arm compile of the glue not run");
            return;
        }

        var outDir = Path.Combine(_work, "out");
        var program = fixture is null ? EmitTestPrograms.Tiny(mode: RoutingMode.Gate, historyZeroPoint: 300, scoreInState: true) : ProgramOf(fixture, int16);
        NanoFrameworkEmitter.Emit(program, outDir, CEmitter.Emit(program, outDir, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"))));
        var native = Path.Combine(outDir, NanoFrameworkEmitter.FolderName, "native");
        foreach (var cpu in new[] { "-mcpu=cortex-m4", "-mcpu=cortex-m55" })
        {
            foreach (var cpp in Directory.GetFiles(native, "*.cpp").Order(StringComparer.Ordinal))
            {
                // nf-interpreter builds C++ without exceptions or RTTI.
                Run("arm-none-eabi-g++", [cpu, "-mthumb", "-std=c++11", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fno-exceptions", "-fno-rtti",
                    "-I" + Path.Combine(Fixtures.RepoRoot, "tests", "nanoframework", "include"), "-I" + native, "-I" + outDir,
                    "-c", cpp, "-o", Path.Combine(_work, Path.GetFileNameWithoutExtension(cpp) + ".o")], _work);
            }
        }
    }

    [Fact]
    public void Set_threshold_reaches_the_c_api_and_routes_every_frame_heavy_at_minus_128()
    {
        var options = new GenerateOptions { Model = Path.GetDirectoryName(Fixtures.TinyDsl)!, Out = Path.Combine(_work, "out"), NanoFramework = true, Quiet = true };
        Assert.Equal(0, GenerateCommand.Run(options));
        var names = NanoFrameworkNames.Of("tiny_dsl");
        var rows = NanoFrameworkEmitter.MethodTable(CommandSupport.Compile(options, _ => { }).Program);
        int Row(string n) => rows.Select((r, i) => (r, i)).Single(x => x.r.NativeName == n).i;
        var driver = BuildHostDriver(options.Out, CommandSupport.Compile(options, _ => { }).Program, names, Row("Reset___STATIC__VOID"), Row("get_SwitchThreshold___STATIC__I4"),
            Row("set_SwitchThreshold___STATIC__VOID__I4"), Row("NativeProcess___STATIC__I4__SZARRAY_I2__SZARRAY_I2"));
        var inPcm = Path.Combine(_work, "in.pcm");
        File.WriteAllBytes(inPcm, new byte[2 * 8 * 16]);
        var lines = Run(driver, [inPcm, Path.Combine(_work, "out.pcm"), "-128"], _work).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("threshold -128", lines[1]);
        var frames = lines.Skip(2).Take(lines.Length - 4).ToList();
        Assert.NotEmpty(frames);
        Assert.All(frames, l => Assert.Equal("1", l.Split(' ')[1]));
    }

    [Fact]
    public void Checksum_crc_is_crc32_mpeg2()
    {
        // The published check value of CRC-32/MPEG-2 ("123456789", initial value 0xFFFFFFFF).
        Assert.Equal(0x0376E6E7u, NativeChecksum.Crc32Mpeg2("123456789"u8, 0xFFFFFFFF));
    }

    [Fact]
    public void Checksum_restarts_at_the_first_native_method_as_the_metadata_processor_does()
    {
        // Managed rows before the first native one do not count: the metadata processor's running value reads 0 until then.
        NativeMethodEntry native = new("C", "M___STATIC__VOID", IsNative: true), managed = new("C", "P___STATIC__VOID", IsNative: false);
        uint alone = NativeChecksum.Of("A", [native]);
        Assert.Equal(NativeChecksum.Crc32Mpeg2("M___STATIC__VOID"u8, 0), alone);
        Assert.Equal(alone, NativeChecksum.Of("A", [managed, managed, native]));
        Assert.Equal(NativeChecksum.Crc32Mpeg2("NULL"u8, alone), NativeChecksum.Of("A", [native, managed]));
        Assert.Equal(0u, NativeChecksum.Of("A", [managed]));
    }

    [Fact]
    public void Names_follow_the_model_name()
    {
        var names = NanoFrameworkNames.Of("dsl_soundstream_s");
        Assert.Equal("Dsl.Models.DslSoundstreamS", names.Assembly);
        Assert.Equal("DslSoundstreamSModel", names.Class);
        Assert.Equal("Library_Dsl_Models_DslSoundstreamS_Dsl_Models_DslSoundstreamS_DslSoundstreamSModel", names.LibraryStruct);
        Assert.Equal("M2x", NanoFrameworkNames.Of("_2x").Pascal);
        Assert.Equal("M", NanoFrameworkNames.Of("__").Pascal);
    }

    /// <summary>Builds the model C (gcc, C99) and the glue plus tests/nanoframework/host_driver.cpp (g++) with -Wall -Wextra -Werror.</summary>
    private string BuildHostDriver(string outDir, ModelProgram program, NanoFrameworkNames names, int reset, int get, int set, int process)
    {
        var model = program.Name;
        var build = Path.Combine(_work, "host");
        Directory.CreateDirectory(build);
        var objects = new List<string>();
        var runtime = Path.Combine(outDir, "dsl_runtime");
        foreach (var c in Directory.GetFiles(outDir, "*.c").Concat(Directory.GetFiles(runtime, "*.c")).Order(StringComparer.Ordinal))
        {
            var o = Path.Combine(build, Path.GetFileNameWithoutExtension(c) + ".o");
            Run("gcc", ["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-I" + outDir, "-I" + runtime, "-c", c, "-o", o], build);
            objects.Add(o);
        }

        var native = Path.Combine(outDir, NanoFrameworkEmitter.FolderName, "native");
        string[] cxxFlags =
        [
            "-std=c++11", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic",
            "-I" + Path.Combine(Fixtures.RepoRoot, "tests", "nanoframework", "include"), "-I" + native, "-I" + outDir,
        ];
        string[] driverFlags =
        [
            "-include", names.SafeAssembly + ".h", "-include", model + ".h",
            "-DNF_ASSEMBLY_DATA=g_CLR_AssemblyNative_" + names.SafeAssembly,
            $"-DNF_FRAME_SAMPLES={model.ToUpperInvariant()}_FRAME_SAMPLES",
            $"-DNF_ROW_RESET={reset}", $"-DNF_ROW_GET_THRESHOLD={get}", $"-DNF_ROW_SET_THRESHOLD={set}", $"-DNF_ROW_PROCESS={process}",
            // The second array: the routed audio frame, or a classifier head's scores in their C type.
            "-DNF_OUT_T=" + (program.Classes is { ElementBytes: 1 } ? "int8_t" : "int16_t"),
            $"-DNF_OUT_VALUES={program.HeavyOutValues}",
        ];
        foreach (var cpp in Directory.GetFiles(native, "*.cpp").Order(StringComparer.Ordinal))
        {
            var o = Path.Combine(build, Path.GetFileNameWithoutExtension(cpp) + ".o");
            Run("g++", [.. cxxFlags, "-c", cpp, "-o", o], build);
            objects.Add(o);
        }

        var driverObj = Path.Combine(build, "host_driver.o");
        Run("g++", [.. cxxFlags, .. driverFlags, "-c", Path.Combine(Fixtures.RepoRoot, "tests", "nanoframework", "host_driver.cpp"), "-o", driverObj], build);
        var exe = Path.Combine(build, "nf_host_driver");
        Run("g++", [.. objects, driverObj, "-o", exe], build);
        return exe;
    }

    private static short[] ReadPcm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
    }

    private string Run(string exe, IEnumerable<string> args, string cwd)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var text = stdout.Result;
        if (p.ExitCode != 0)
        {
            log.WriteLine(text);
            Assert.Fail($"{exe} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {stderr}");
        }

        return text;
    }
}
