using Dsl.Cli.Verbs;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Targets;

namespace Dsl.Cli.Commands;

/// <summary>Argument handling shared by the verbs.</summary>
public static class CommandSupport
{
    /// <summary>dsl.json itself, or the dsl.json inside a folder.</summary>
    public static string ManifestPath(string model)
    {
        if (Directory.Exists(model))
        {
            string inside = Path.Combine(model, "dsl.json");
            return File.Exists(inside)
                ? inside
                : throw new DslException(DslErrorCode.Io, $"{model}: folder has no dsl.json; pass the model's dsl.json with --model");
        }

        return File.Exists(model)
            ? model
            : throw new DslException(DslErrorCode.Io, $"{model}: not found; pass the model's dsl.json (or its folder) with --model");
    }

    public static RoundingRule Rounding(string text) => text.ToLowerInvariant() switch
    {
        "single" => RoundingRule.Single,
        "tflite" or "cmsis" => RoundingRule.Tflite,
        _ => throw new DslException(DslErrorCode.Usage, $"--rounding: unknown rule '{text}'; use single or tflite"),
    };

    public static CompileOptions CompileOptions(ModelOptions o, Action<string> info) => new()
    {
        Rounding = Rounding(o.Rounding),
        CalibrationFiles = o.Calibration.ToList(),
        Progress = info,
    };

    public static CompiledModel Compile(ModelOptions o, Action<string> info) =>
        ModelCompiler.Compile(ManifestPath(o.Model), CompileOptions(o, info));

    public static BoardProfile Board(string nameOrPath) => BoardProfileLoader.Load(nameOrPath, RepoLayout.Find().BoardsDir);

    public static KernelVariant Variant(string? text) => text?.ToLowerInvariant() switch
    {
        null or "portable" => KernelVariant.Portable,
        "dsp" => KernelVariant.Dsp,
        "mve" => KernelVariant.Mve,
        _ => throw new DslException(DslErrorCode.Usage, $"--variant: unknown kernel variant '{text}'; use portable, dsp or mve"),
    };

    /// <summary>The test WAVs of dsl.json when none are given.</summary>
    public static IReadOnlyList<string> TestAudio(CompiledModel m, IEnumerable<string> given)
    {
        var list = given.ToList();
        return list.Count > 0 ? list : ManifestFiles.Expand(m.Manifest, m.Manifest.TestPatterns, "test");
    }

    public static Action<string> Info(bool quiet) => quiet ? _ => { } : line => Console.Error.WriteLine(line);
}
