using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>
/// Writes the nanoFramework binding of a model (<c>dslc generate --nanoframework</c>, docs/nanoframework.md): a C#
/// class library whose native methods (InternalCall) are implemented by C++ interop glue over the generated C API.
/// Output is a pure function of the program.
/// </summary>
public static class NanoFrameworkEmitter
{
    /// <summary>The folder of the output the binding is written to.</summary>
    public const string FolderName = "nanoframework";

    /// <summary>The nanoFramework.CoreLibrary version the managed part builds against.</summary>
    public const string CoreLibraryVersion = "1.17.11";

    /// <summary>Writes the binding of <paramref name="program"/> into <c><paramref name="outDir"/>/nanoframework/</c> (created).</summary>
    /// <param name="modelSources">The C files of the model's output (relative, '/' separators, as <see cref="CEmitter.Emit"/>
    /// returns them): the firmware's CMake module lists them with the glue.</param>
    /// <returns>The files written, relative to <paramref name="outDir"/> with '/' separators, in ordinal order.</returns>
    public static IReadOnlyList<string> Emit(ModelProgram program, string outDir, IEnumerable<string> modelSources)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(modelSources);
        var files = Render(program, modelSources.Where(f => f.EndsWith(".c", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(outDir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return [.. files.Keys];
    }

    /// <summary>The method table of <paramref name="program"/>'s binding, in the metadata processor's order.</summary>
    public static IReadOnlyList<NativeMethodEntry> MethodTable(ModelProgram program) =>
        ModelClassMethods.Table(NanoFrameworkNames.Of(program.Name), program.Classes);

    private static SortedDictionary<string, string> Render(ModelProgram program, IReadOnlyList<string> modelSources)
    {
        var names = NanoFrameworkNames.Of(program.Name);
        var table = ModelClassMethods.Table(names, program.Classes);
        var checksum = $"0x{NativeChecksum.Of(names.Assembly, table):X8}";
        var vars = new Dictionary<string, object>
        {
            ["name"] = program.Name,
            ["upper"] = program.Name.ToUpperInvariant(),
            ["assembly"] = names.Assembly,
            ["class"] = names.Class,
            ["safe_assembly"] = names.SafeAssembly,
            ["safe_upper"] = names.SafeAssembly.ToUpperInvariant(),
            ["native_class"] = names.NativeClass,
            ["library_struct"] = names.LibraryStruct,
            ["frame_samples"] = program.FrameSamples,
            ["sample_rate"] = program.SampleRate,
            ["switch_threshold"] = program.SwitchThreshold,
            ["hold_frames"] = program.HoldFrames,
            ["replay_frames"] = program.ReplayFrames,
            ["silence"] = program.Silence is not null,
            ["corelib_version"] = CoreLibraryVersion,
            ["checksum"] = checksum,
            ["natives"] = table.Where(m => m.IsNative).Select(m => m.NativeName).ToList(),
            ["table"] = table.Select(m => m.IsNative ? $"{names.LibraryStruct}::{m.NativeName}" : "nullptr").ToList(),
            ["reset"] = ModelClassMethods.Reset,
            ["get_threshold"] = ModelClassMethods.GetSwitchThreshold,
            ["set_threshold"] = ModelClassMethods.SetSwitchThreshold,
            ["process"] = ModelClassMethods.NativeProcess(program.Classes),
            ["folder"] = FolderName,
        };
        AddClassHead(vars, program);
        var glue = new[] { $"{names.SafeAssembly}.cpp", $"{names.SafeAssembly}_{names.NativeClass}.cpp" };
        vars["sources"] = glue.Select(f => $"{FolderName}/native/{f}").Concat(modelSources).ToList();
        string T(string template) => CTemplates.Render("nanoframework." + template, vars);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{FolderName}/README.md"] = T("readme_md"),
            [$"{FolderName}/Directory.Build.props"] = T("directory_build_props"),
            [$"{FolderName}/Directory.Packages.props"] = T("directory_build_props"),
            [$"{FolderName}/{names.Assembly}.csproj"] = T("csproj"),
            [$"{FolderName}/{names.Class}.cs"] = T("model_cs"),
            [$"{FolderName}/Decision.cs"] = T("decision_cs"),
            [$"{FolderName}/Properties/AssemblyInfo.cs"] = T("assembly_info_cs"),
            [$"{FolderName}/native/{names.SafeAssembly}.h"] = T("interop_h"),
            [$"{FolderName}/native/{glue[0]}"] = T("interop_cpp"),
            [$"{FolderName}/native/{glue[1]}"] = T("interop_class_cpp"),
            [$"{FolderName}/native/FindINTEROP-{names.Assembly}.cmake"] = T("find_interop_cmake"),
        };
    }

    /// <summary>The classifier head's variables (docs/classifier-heads.md): Process fills the scores instead of an
    /// audio frame; class_head false for an audio model.</summary>
    private static void AddClassHead(Dictionary<string, object> vars, ModelProgram program)
    {
        vars["class_head"] = program.Classes is not null;
        if (program.Classes is not { } c)
        {
            vars["out_cs"] = "short";
            vars["out_c"] = "int16_t";
            vars["out_n"] = $"{program.Name.ToUpperInvariant()}_FRAME_SAMPLES";
            return;
        }

        (int scaleQ, int scaleShift) = c.FixedScale;
        vars["out_cs"] = c.ElementBytes == 2 ? "short" : "sbyte";
        vars["out_c"] = c.ElementBytes == 2 ? "int16_t" : "int8_t";
        vars["out_n"] = $"{program.Name.ToUpperInvariant()}_{c.CName.ToUpperInvariant()}_CLASSES";
        vars["classes"] = c.Count;
        vars["scores_bits"] = 8 * c.ElementBytes;
        vars["zero_point"] = c.Quant.ZeroPoint;
        vars["scale_q"] = scaleQ;
        vars["scale_shift"] = scaleShift;
        vars["negative_class"] = c.NegativeIndex;
        vars["labels"] = c.Head.Labels.Select(CSharpStringLiteral.Of).ToList();
    }
}
