// dsl-embedded build script (Cake). Run through ./build.sh, which installs what is missing first.
// Targets: build, test, generate, qemu, bench, kernel-bench, demo.
var target = Argument("target", "test");
var configuration = Argument("configuration", "Release");
// demo: --model=<name under models/, or a folder with dsl.json> (default: the first shipped model).
var demoModel = Argument("model", "");
var root = MakeAbsolute(Directory(".")).FullPath;
var dslc = $"{root}/generator/dslc/bin/{configuration}/net10.0/dslc.dll";
var results = new List<(string Step, bool Passed)>();

// Shipped models: models/<name>/dsl.json (the trainer's output), plus the tiny op-coverage fixture.
IEnumerable<string> ShippedModels() =>
    GetFiles($"{root}/models/*/dsl.json").Select(f => f.FullPath)
        .Where(p => !System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(p)).StartsWith("_"))
        .OrderBy(p => p, StringComparer.Ordinal);
IEnumerable<string> AllModels() => ShippedModels().Append($"{root}/tests/fixtures/tiny_dsl/dsl.json");
string DefaultModel() => ShippedModels().FirstOrDefault() ?? $"{root}/tests/fixtures/tiny_dsl/dsl.json";
string Name(string manifest) => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(manifest));

// --model: a shipped model's name, or a folder holding dsl.json.
string ChosenModel(string model)
{
    if (model == "") return DefaultModel();
    foreach (var candidate in new[] { $"{root}/models/{model}/dsl.json", $"{model}/dsl.json", model })
        if (System.IO.File.Exists(candidate) && candidate.EndsWith("dsl.json")) return MakeAbsolute(File(candidate)).FullPath;
    var names = string.Join(", ", ShippedModels().Select(Name));
    throw new Exception($"--model={model}: no models/{model}/dsl.json and no {model}/dsl.json; shipped models: {names}");
}

// BENCHMARKS.md is the first shipped model's; every other shipped model gets BENCHMARKS-<name>.md beside it.
string BenchmarkFile(string manifest) => manifest == DefaultModel() ? "BENCHMARKS.md" : $"BENCHMARKS-{Name(manifest)}.md";

IEnumerable<(string Name, bool Emulated)> Boards() =>
    GetFiles($"{root}/boards/*.yaml").OrderBy(f => f.FullPath, StringComparer.Ordinal)
        .Select(f => (f.GetFilenameWithoutExtension().ToString(),
                      System.IO.File.ReadAllLines(f.FullPath).Any(l => l.TrimStart().StartsWith("qemu:"))));

// One emulated board per kernel variant (the first by name): where the non-default rounding rule runs under QEMU.
IEnumerable<(string Name, string Variant)> EmulatedBoardPerVariant() =>
    Boards().Where(b => b.Emulated)
        .Select(b => (b.Name, Variant: System.IO.File.ReadAllLines($"{root}/boards/{b.Name}.yaml")
            .Select(l => l.Trim()).First(l => l.StartsWith("kernel_variant:")).Split(':')[1].Trim()))
        .GroupBy(b => b.Variant).Select(g => g.First()).OrderBy(b => b.Variant, StringComparer.Ordinal);

void Run(string step, string exe, string args, bool mustPass = true)
{
    Information($"==> {step}");
    int rc = StartProcess(exe, new ProcessSettings { Arguments = args, WorkingDirectory = root });
    results.Add((step, rc == 0));
    if (rc != 0 && mustPass)
    {
        throw new Exception($"{step} failed (exit code {rc})");
    }
}

void Dslc(string step, string args) => Run(step, "dotnet", $"\"{dslc}\" {args}");

Task("build")
    .Does(() => Run("dotnet build", "dotnet", $"build dsl-embedded.sln -c {configuration} -nologo -v q"));

Task("unit")
    .IsDependentOn("build")
    .Does(() => Run("xunit (compiler, emitter, boards, QEMU harness)", "dotnet", $"test dsl-embedded.sln -c {configuration} --no-build -nologo -v q"));

Task("kernels")
    .Does(() =>
    {
        Run("C kernels on the host", "bash", "runtime-c/tests/run_host_tests.sh");
        Run("C kernel variants under QEMU", "bash", "runtime-c/tests/run_qemu_tests.sh");
    });

Task("models")
    .Does(() => Run("models/ check (onnx checker, manifest, few training steps)", "bash", "models/ci_check.sh"));

Task("validate-host")
    .IsDependentOn("build")
    .Does(() =>
    {
        foreach (var m in AllModels())
            Dslc($"{Name(m)}: bit-exact on host gcc", $"validate -m \"{m}\" -q --work out/validate/{Name(m)}/host");
        // The TFLite/CMSIS-NN rounding rule, end to end (C kernels vs the C# golden model).
        foreach (var m in AllModels())
            Dslc($"{Name(m)}: bit-exact on host gcc, --rounding tflite", $"validate -m \"{m}\" --rounding tflite -q --work out/validate/{Name(m)}/host-tflite");
    });

Task("generate")
    .IsDependentOn("build")
    .Does(() =>
    {
        foreach (var m in AllModels())
            foreach (var b in Boards())
                Dslc($"{Name(m)}: generate + fit for {b.Name}", $"generate -m \"{m}\" --board {b.Name} -o out/{Name(m)}/{b.Name} -q");
    });

Task("qemu")
    .IsDependentOn("build")
    .Does(() =>
    {
        foreach (var m in AllModels())
            foreach (var b in Boards().Where(b => b.Emulated))
                Dslc($"{Name(m)}: bit-exact on {b.Name} (QEMU)", $"validate -m \"{m}\" --board {b.Name} -q --work out/validate/{Name(m)}/{b.Name}");
        // The TFLite/CMSIS-NN rounding rule under QEMU, on one board per kernel variant (portable, dsp, mve).
        foreach (var m in AllModels())
            foreach (var b in EmulatedBoardPerVariant())
                Dslc($"{Name(m)}: bit-exact on {b.Name} (QEMU, {b.Variant} kernels), --rounding tflite",
                     $"validate -m \"{m}\" --board {b.Name} --rounding tflite -q --work out/validate/{Name(m)}/{b.Name}-tflite");
    });

Task("bench")
    .IsDependentOn("build")
    .Does(() =>
    {
        foreach (var m in ShippedModels().DefaultIfEmpty(DefaultModel()))
            Dslc($"{Name(m)}: benchmark", $"bench -m \"{m}\" --layers -q --out {BenchmarkFile(m)}");
    });

// The six-shape kernel benchmark of issue 8 (runtime-c/bench): a table, not part of test.
Task("kernel-bench")
    .Does(() =>
    {
        Run("kernel benchmark (QEMU M3/M4/M55), default rounding", "sh", "runtime-c/bench/run_kernel_bench.sh");
        Run("kernel benchmark (QEMU M3/M4/M55), TFLite rounding", "sh", "runtime-c/bench/run_kernel_bench.sh tflite");
    });

Task("demo")
    .IsDependentOn("build")
    .Does(() =>
    {
        var m = ChosenModel(demoModel);
        Information($"Model: {m}");
        Dslc("generate for mps2-an386", $"generate -m \"{m}\" --board mps2-an386 -o out/demo/{Name(m)}");
        Dslc("run on QEMU mps2-an386 and compare with the golden model", $"validate -m \"{m}\" --board mps2-an386 --work out/demo/validate");
        Information($"Report: out/demo/{Name(m)}/report.md");
    });

Task("test")
    .IsDependentOn("unit")
    .IsDependentOn("kernels")
    .IsDependentOn("models")
    .IsDependentOn("validate-host")
    .IsDependentOn("generate")
    .IsDependentOn("qemu");

Teardown(ctx =>
{
    if (results.Count == 0) return;
    Information("");
    foreach (var r in results) Information($"{(r.Passed ? "PASS" : "FAIL")}  {r.Step}");
    Information($"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");
});

RunTarget(target);
