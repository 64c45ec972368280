using System.Diagnostics;
using Dsl.Compiler.Audio;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Golden;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Emit;

public sealed class CEmitterTests : IDisposable
{
    private static readonly string[] StrictFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2"];

    private readonly ITestOutputHelper _log;
    private readonly string _work;

    public CEmitterTests(ITestOutputHelper log)
    {
        _log = log;
        _work = Path.Combine(Path.GetTempPath(), "dsl-emit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "dsl-embedded.sln"))) return dir.FullName;
            throw new InvalidOperationException("dsl-embedded.sln not found above the test binaries");
        }
    }

    private static string RuntimeDir => Path.Combine(RepoRoot, "runtime-c");

    private static RepoLayout Repo => RepoLayout.Find(RepoRoot);

    private string Emit(ModelProgram program, string folder, KernelVariant variant = KernelVariant.Portable,
        ConvSpecialisation? specialisation = null)
    {
        var outDir = Path.Combine(_work, folder);
        CEmitter.Emit(program, outDir, new EmitOptions(RuntimeDir, variant, specialisation));
        return outDir;
    }

    [Fact]
    public void Emission_is_byte_identical_for_identical_input()
    {
        var a = Emit(EmitTestPrograms.Tiny(), "a");
        var b = Emit(EmitTestPrograms.Tiny(), "b");
        var filesA = RelativeFiles(a);
        Assert.Equal(filesA, RelativeFiles(b));
        foreach (var f in filesA)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), f);

        // Emitting again over its own output replaces it with the same bytes; a file dslc did not write stops it.
        Emit(EmitTestPrograms.Tiny(), "a");
        Assert.Equal(filesA, RelativeFiles(a));
        File.WriteAllText(Path.Combine(a, "mine.txt"), "user file");
        Assert.Equal(DslErrorCode.Io, Assert.Throws<DslException>(() => Emit(EmitTestPrograms.Tiny(), "a")).Code);
        Assert.Equal(filesA.Append("mine.txt").Order(StringComparer.Ordinal), RelativeFiles(a));
    }

    [Fact]
    public void Output_has_the_documented_files_and_api()
    {
        var dir = Emit(EmitTestPrograms.Tiny(), "api", specialisation: ConvSpecialisation.None);
        var top = RelativeFiles(dir).Where(f => !f.StartsWith("dsl_runtime/", StringComparison.Ordinal));
        Assert.Equal(
            [".dslc-output", "dsl_config.h", "dsl_model.h", "tiny.h", "tiny_heavy.c", "tiny_light.c", "tiny_model.c",
             "tiny_weights.h", "tiny_weights_heavy.c", "tiny_weights_light.c"],
            top);

        var h = File.ReadAllText(Path.Combine(dir, "tiny.h"));
        foreach (var macro in new[]
                 {
                     "TINY_SAMPLE_RATE          16000", "TINY_FRAME_SAMPLES        8", "TINY_HANDOFF_BYTES        16",
                     "TINY_REPLAY_FRAMES        2", "TINY_HANDOFF_RING_FRAMES  (TINY_REPLAY_FRAMES + 1)",
                     "TINY_HOLD_FRAMES          1", "TINY_SWITCH_THRESHOLD     20", "TINY_LIGHT_ARENA_BYTES    40",
                     "TINY_LIGHT_STATE_BYTES    20", "TINY_HEAVY_ARENA_BYTES    48", "TINY_HEAVY_STATE_BYTES    18",
                     "#define TINY_HANDOFF_SECTION\n", "typedef enum { TINY_ROUTE_LIGHT = 0, TINY_ROUTE_HEAVY = 1 } tiny_route_t;",
                     "tiny_decision_t tiny_light_process(const int16_t in[TINY_FRAME_SAMPLES], int16_t light_out[TINY_FRAME_SAMPLES]);",
                     "const int8_t *tiny_handoff_frame(int32_t age);",
                     "void tiny_heavy_process(const int8_t handoff[TINY_HANDOFF_BYTES], int16_t heavy_out[TINY_FRAME_SAMPLES]);",
                     "void tiny_heavy_process_routed(const tiny_decision_t *d, int16_t heavy_out[TINY_FRAME_SAMPLES]);",
                     "tiny_decision_t tiny_process(const int16_t in[TINY_FRAME_SAMPLES], int16_t out[TINY_FRAME_SAMPLES]);",
                 })
        {
            Assert.Contains(macro, h);
        }

        // Unique, deterministic array names even when node names sanitise alike.
        var weights = File.ReadAllText(Path.Combine(dir, "tiny_weights.h"));
        Assert.Contains("extern const int8_t tiny_heavy_up_convtranspose_w[8];", weights);
        Assert.Contains("extern const int8_t tiny_heavy_up_convtranspose_2_b[1];", weights);
        Assert.Contains("extern const int8_t tiny_enc_act_tanh_lut[256];", weights);

        // Steps in order, one call each, named by node; config names the rounding rule and variant.
        var light = File.ReadAllText(Path.Combine(dir, "tiny_light.c"));
        Assert.True(light.IndexOf("dsl_conv1d_s16_s8(&enc_conv1_conv_params, (const int16_t *)(const void *)state, 8, (int8_t *)arena);", StringComparison.Ordinal)
                    < light.IndexOf("dsl_history_shift(state, 4, 16);", StringComparison.Ordinal));
        Assert.Contains("/* /enc/act/Tanh */", light);
        Assert.DoesNotContain("DSL_REQUANT_DOUBLE_ROUNDING", File.ReadAllText(Path.Combine(dir, "dsl_config.h")));
        var tflite = Emit(EmitTestPrograms.Tiny(rounding: RoundingRule.Tflite), "tflite");
        Assert.Contains("#define DSL_REQUANT_DOUBLE_ROUNDING\n", File.ReadAllText(Path.Combine(tflite, "dsl_config.h")));
    }

    [Theory]
    [InlineData(KernelVariant.Portable)]
    [InlineData(KernelVariant.Dsp)]
    [InlineData(KernelVariant.Mve)]
    public void Runtime_has_runtime_headers_and_exactly_the_kernels_used(KernelVariant variant)
    {
        // Nothing specialised: every conv step calls its library kernel (ConvSpecialisationTests covers the rest).
        // Which headers: those the shipped files include (Targets/ShippedHeadersTests).
        var dir = Emit(EmitTestPrograms.Tiny(), "rt", variant, ConvSpecialisation.None);
        var headers = Directory.GetFiles(Path.Combine(RuntimeDir, "include"), "*.h").Select(Path.GetFileName).ToHashSet();
        var runtime = Path.Combine(dir, "dsl_runtime");
        var shipped = Directory.GetFiles(runtime).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(EmitTestPrograms.TinyKernels.Select(k => k + ".c").Order(StringComparer.Ordinal), shipped.Where(f => f!.EndsWith(".c", StringComparison.Ordinal)));
        Assert.All(shipped.Where(f => !f!.EndsWith(".c", StringComparison.Ordinal)), h => Assert.Contains(h, headers));
        Assert.Contains("dsl_kernels.h", shipped);

        foreach (var kernel in EmitTestPrograms.TinyKernels)
        {
            var folder = variant.ToString().ToLowerInvariant();
            var source = Path.Combine(RuntimeDir, "src", folder, kernel + ".c");
            if (!File.Exists(source)) source = Path.Combine(RuntimeDir, "src", "portable", kernel + ".c");
            Assert.True(File.ReadAllBytes(source).SequenceEqual(File.ReadAllBytes(Path.Combine(runtime, kernel + ".c"))), kernel);
        }

        Assert.Contains($"#define DSL_KERNEL_VARIANT_{variant.ToString().ToUpperInvariant()} 1",
            File.ReadAllText(Path.Combine(dir, "dsl_config.h")));
    }

    [Fact]
    public void Emitted_c_compiles_warning_free_with_host_gcc()
    {
        foreach (var (name, program) in Variants())
            CompileAll(Emit(program, name), "gcc", []);
    }

    [Fact]
    public void Emitted_c_compiles_warning_free_with_arm_none_eabi_gcc()
    {
        if (!OnPath("arm-none-eabi-gcc"))
        {
            _log.WriteLine("arm-none-eabi-gcc is not installed: ARM compile check not run");
            return;
        }

        foreach (var (name, program) in Variants())
        {
            CompileAll(Emit(program, name + "-m4", KernelVariant.Dsp), "arm-none-eabi-gcc", ["-mcpu=cortex-m4", "-mthumb"]);
            CompileAll(Emit(program, name + "-m55", KernelVariant.Mve), "arm-none-eabi-gcc",
                ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"]);
        }
    }

    /// <summary>24 frames of noise whose first sample triggers the switch (score = in[0] / 512 >= 20) on
    /// frames 0, 5, 6, 11, 16, 17, 18 and 23; hold 1 keeps the frame after each trigger heavy.</summary>
    private static short[] TriggerPattern()
    {
        const int fs = EmitTestPrograms.FrameSamples;
        int[] triggers = [0, 5, 6, 11, 16, 17, 18, 23];
        var pcm = new short[24 * fs];
        var seed = 12345u;
        for (var i = 0; i < pcm.Length; i++)
        {
            seed = (seed * 1103515245u) + 12345u;
            pcm[i] = (short)(((int)(seed >> 16) % 16000) - 8000);
        }

        for (var f = 0; f < 24; f++)
            pcm[f * fs] = (short)(triggers.Contains(f) ? 16384 : 1000);
        return pcm;
    }

    /// <summary>
    /// The runtime harness on the emitted program (both passes: per-path calls with the generated routed heavy
    /// side, and the single-core tiny_process) equals the golden model frame for frame; the route follows the
    /// trigger pattern, and routed heavy frames equal always-heavy execution.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Host_harness_routes_replays_and_matches_the_golden_model(bool gate)
    {
        var program = gate
            ? EmitTestPrograms.Tiny(mode: RoutingMode.Gate, historyZeroPoint: 300, scoreInState: true)
            : EmitTestPrograms.Tiny();
        var folder = ModelFolder.Load(Emit(program, gate ? "run-gate" : "run"));
        var exe = FirmwareBuilder.BuildHostHarness(folder, Path.Combine(_work, gate ? "host-gate" : "host"), Repo);
        var pcm = Path.Combine(_work, "trigger.pcm");
        var audio = TriggerPattern();
        var bytes = new byte[audio.Length * 2];
        Buffer.BlockCopy(audio, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(pcm, bytes);
        var trace = HarnessRunner.RunOnHost(exe, pcm, Path.Combine(_work, gate ? "gate.trace" : "switch.trace")).TraceOrThrow();

        var golden = new GoldenModel(program);
        var routed = golden.RunClip(audio);
        var cmp = TraceComparison.Compare(routed, trace.Frames, "tiny on host");
        Assert.True(cmp.BitExact, cmp.FirstDifference);
        Assert.Equal((24, 12, 8), (cmp.Frames, cmp.HeavyFrames, cmp.ReplayedFrames));
        Assert.Equal(4, trace.Frames.Count(f => f.ReplayFrames > 0));
        var always = golden.RunClip(audio, alwaysHeavy: true);
        for (var f = 0; f < routed.Count; f++)
        {
            if (routed[f].Route == 1) Assert.Equal(always[f].HeavyOut, trace.Frames[f].Process.Out);
            else if (gate) Assert.All(trace.Frames[f].Process.Out, s => Assert.Equal(0, s));
        }
    }

    /// <summary>
    /// The tiny fixture model with every convolution specialised to its shape (a rule threshold above every
    /// channel count) and with none: the emitted C compiles warning-free for every variant, and on the host it
    /// equals the golden model frame for frame on the fixture's test audio.
    /// </summary>
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void Specialised_steps_compile_for_every_variant_and_match_the_golden_model(int maxChannels)
    {
        var program = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()).Program;
        var rule = new ConvSpecialisation(maxChannels);
        var convs = program.Light.Steps.Concat(program.Heavy.Steps).Where(s => s is ConvStep or ConvTransposeStep).ToList();
        Assert.Equal(maxChannels > 0 ? convs.Count : 0, convs.Count(rule.Applies));

        var name = $"spec-{maxChannels}";
        var dir = Emit(program, name, KernelVariant.Portable, rule);
        CompileAll(dir, "gcc", []);
        if (OnPath("arm-none-eabi-gcc"))
        {
            CompileAll(Emit(program, name + "-m4", KernelVariant.Dsp, rule), "arm-none-eabi-gcc", ["-mcpu=cortex-m4", "-mthumb"]);
            CompileAll(Emit(program, name + "-m55", KernelVariant.Mve, rule), "arm-none-eabi-gcc",
                ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"]);
        }

        var exe = FirmwareBuilder.BuildHostHarness(ModelFolder.Load(dir), Path.Combine(_work, name + "-host"), Repo);
        var audio = WavFile.ReadMono16(Fixtures.TinyDslTestAudio, program.SampleRate);
        audio = audio[..(Math.Min(audio.Length, 200 * program.FrameSamples) / program.FrameSamples * program.FrameSamples)];
        var pcm = Path.Combine(_work, name + ".pcm");
        var bytes = new byte[audio.Length * 2];
        Buffer.BlockCopy(audio, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(pcm, bytes);
        var trace = HarnessRunner.RunOnHost(exe, pcm, Path.Combine(_work, name + ".trace")).TraceOrThrow();
        var cmp = TraceComparison.Compare(new GoldenModel(program).RunClip(audio), trace.Frames, "tiny_dsl on host");
        Assert.True(cmp.BitExact, cmp.FirstDifference);
        Assert.True(cmp.HeavyFrames > 0 && cmp.HeavyFrames < cmp.Frames, $"{cmp.HeavyFrames} of {cmp.Frames} frames heavy: both paths must run");
    }

    /// <summary>
    /// Transposed convs whose phases differ (dslc re-lays their weights phase-major): kernel not a multiple of the
    /// stride, a phase no tap reaches, dilation that spreads a phase's taps over non-adjacent rows, one phase with
    /// every tap. Specialised (constant shape) and library kernel: the emitted C compiles warning-free for every
    /// variant and equals the golden model frame for frame on the host.
    /// </summary>
    [Theory]
    [InlineData(3, 1, int.MaxValue)]
    [InlineData(3, 1, 0)]
    [InlineData(1, 1, int.MaxValue)]
    [InlineData(5, 3, int.MaxValue)]
    [InlineData(5, 3, 0)]
    [InlineData(7, 2, int.MaxValue)]
    public void Transposed_convs_of_uneven_phases_match_the_golden_model(int kernel, int dilation, int maxChannels)
    {
        var program = EmitTestPrograms.Tiny(upKernel: kernel, upDilation: dilation);
        var rule = new ConvSpecialisation(maxChannels);
        var name = $"tconv-k{kernel}-d{dilation}-{maxChannels}";
        var dir = Emit(program, name, KernelVariant.Portable, rule);
        CompileAll(dir, "gcc", []);
        if (OnPath("arm-none-eabi-gcc"))
        {
            CompileAll(Emit(program, name + "-m4", KernelVariant.Dsp, rule), "arm-none-eabi-gcc", ["-mcpu=cortex-m4", "-mthumb"]);
            CompileAll(Emit(program, name + "-m55", KernelVariant.Mve, rule), "arm-none-eabi-gcc",
                ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"]);
        }

        var exe = FirmwareBuilder.BuildHostHarness(ModelFolder.Load(dir), Path.Combine(_work, name + "-host"), Repo);
        var audio = TriggerPattern();
        var pcm = Path.Combine(_work, name + ".pcm");
        var bytes = new byte[audio.Length * 2];
        Buffer.BlockCopy(audio, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(pcm, bytes);
        var trace = HarnessRunner.RunOnHost(exe, pcm, Path.Combine(_work, name + ".trace")).TraceOrThrow();
        var cmp = TraceComparison.Compare(new GoldenModel(program).RunClip(audio), trace.Frames, name);
        Assert.True(cmp.BitExact, cmp.FirstDifference);
        Assert.Equal(12, cmp.HeavyFrames);
    }

    [Fact]
    public void Runtime_harness_builds_and_runs_against_the_generic_names()
    {
        var dir = Emit(EmitTestPrograms.Tiny(), "harness");
        var harness = Path.Combine(RepoRoot, "runtime-c", "harness");
        var exe = Path.Combine(_work, "harness_host");
        var sources = Directory.GetFiles(dir, "*.c").Concat(Directory.GetFiles(Path.Combine(dir, "dsl_runtime"), "*.c"))
            .Order(StringComparer.Ordinal)
            .Concat([Path.Combine(harness, "dsl_harness_main.c"), Path.Combine(harness, "dsl_harness_io_stdio.c")]);
        var build = Run("gcc", [.. StrictFlags, "-I", dir, "-I", harness, "-o", exe, .. sources]);
        Assert.True(build.Code == 0, "harness build failed:\n" + build.Output);

        // 6 frames; frames 0 and 3 trigger (in[0] / 512 >= 20), hold 1 keeps 1 and 4 heavy; frame 3 resumes
        // after one light frame (replay "resume"): it runs frame 2 only.
        const int fs = EmitTestPrograms.FrameSamples;
        var pcm = new byte[6 * fs * 2];
        foreach (var f in new[] { 0, 3 })
            BitConverter.TryWriteBytes(pcm.AsSpan(f * fs * 2), (short)16384);
        var input = Path.Combine(_work, "in.pcm");
        var trace = Path.Combine(_work, "trace.bin");
        File.WriteAllBytes(input, pcm);
        var run = Run(exe, [input, trace]);
        Assert.True(run.Code == 0, run.Output);

        var frames = TraceFile.Read(trace).Frames;
        Assert.Equal([1, 1, 0, 1, 1, 0], frames.Select(f => f.Route));
        Assert.Equal([0, 0, 0, 1, 0, 0], frames.Select(f => f.ReplayFrames));
        Assert.Equal([1, 1, 0, 1, 1, 0], frames.Select(f => f.Process.Route));
        Assert.Equal([0, 0, 0, 1, 0, 0], frames.Select(f => f.Process.ReplayFrames));
    }

    [Fact]
    public void A_slice_outside_its_region_is_refused_with_the_node_name()
    {
        var tiny = EmitTestPrograms.Tiny();
        var bad = tiny with
        {
            Heavy = tiny.Heavy with
            {
                Steps = [.. tiny.Heavy.Steps, new CopyStep("/bad/copy", new BufferSlice(BufferRegion.Arena, 40, 16),
                    new BufferSlice(BufferRegion.Arena, 0, 16))],
            },
        };
        var e = Assert.Throws<ArgumentException>(() => Emit(bad, "bad"));
        Assert.Contains("/bad/copy", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_work, "bad")));
    }

    [Fact]
    public void A_failed_emission_leaves_no_output()
    {
        var outDir = Path.Combine(_work, "fail");
        var e = Assert.Throws<DslException>(() =>
            CEmitter.Emit(EmitTestPrograms.Tiny(), outDir, new EmitOptions(Path.Combine(_work, "no-runtime"))));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    /// <summary>
    /// Switch mode with the default rule; gate mode with TFLite rounding, an int16 zero point that is no
    /// byte pattern and the score in state; the minimal shape (no state, no heavy arena, R = 0, hold 0).
    /// </summary>
    private static IEnumerable<(string Name, ModelProgram Program)> Variants() =>
    [
        ("switch", EmitTestPrograms.Tiny()),
        ("gate", EmitTestPrograms.Tiny("gated", RoutingMode.Gate, RoundingRule.Tflite, historyZeroPoint: 300, scoreInState: true)),
        ("minimal", EmitTestPrograms.Minimal()),
    ];

    /// <summary>
    /// Compiles every emitted source on its own; then no object may need a symbol from outside the model and
    /// its kernels (no libc: gcc must not have turned a loop into memset / memcpy).
    /// </summary>
    private void CompileAll(string dir, string compiler, string[] target)
    {
        var sources = Directory.GetFiles(dir, "*.c").Concat(Directory.GetFiles(Path.Combine(dir, "dsl_runtime"), "*.c"))
            .Order(StringComparer.Ordinal);
        // One gcc call compiles every file to its own object in a fresh folder (fast, still per translation unit).
        var objDir = Path.Combine(_work, "obj-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(objDir);
        var r = Run(compiler, [.. StrictFlags, .. target, "-I", dir, "-c", .. sources], objDir);
        Assert.True(r.Code == 0 && r.Output.Trim().Length == 0, $"{compiler} {dir}:\n{r.Output}");
        var objects = Directory.GetFiles(objDir, "*.o").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sources.Count(), objects.Count);

        var nm = compiler.Replace("gcc", "nm", StringComparison.Ordinal);
        if (!OnPath(nm)) return;
        var undefined = Run(nm, ["-u", .. objects]);
        var outside = undefined.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("U ", StringComparison.Ordinal))
            .Select(l => l[2..])
            .Where(sym => !sym.StartsWith("dsl_", StringComparison.Ordinal) && !sym.StartsWith(Name(dir), StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.True(outside.Count == 0, $"{compiler}: emitted objects need {string.Join(", ", outside)}");
    }

    /// <summary>Model name of an emitted folder (the file next to dsl_model.h that ends in _model.c).</summary>
    private static string Name(string dir) =>
        Path.GetFileName(Directory.GetFiles(dir, "*_model.c").Single())[..^"_model.c".Length] + "_";

    private static List<string> RelativeFiles(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    private static (int Code, string Output) Run(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
