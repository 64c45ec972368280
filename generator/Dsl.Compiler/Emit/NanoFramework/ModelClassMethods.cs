using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>
/// The methods of the generated model class (Emit/Templates/nanoframework/model_cs.scriban) in declaration order,
/// named as the metadata processor names them. All are static, so declaration order is the table order; the
/// template and this list must change together (NanoFrameworkBindingTests reads the built assembly to check).
/// </summary>
internal static class ModelClassMethods
{
    public const string Reset = "Reset___STATIC__VOID";
    public const string GetSwitchThreshold = "get_SwitchThreshold___STATIC__I4";
    public const string SetSwitchThreshold = "set_SwitchThreshold___STATIC__VOID__I4";

    /// <summary>The metadata processor's name of a sbyte (int8 scores) or short (audio, int16 scores) array.</summary>
    public static string OutputArray(ClassHeadProgram? classes) => classes is { ElementBytes: 1 } ? "SZARRAY_I1" : "SZARRAY_I2";

    /// <summary>NativeProcess(short[] input, short[] or sbyte[] output).</summary>
    public static string NativeProcess(ClassHeadProgram? classes) => $"NativeProcess___STATIC__I4__SZARRAY_I2__{OutputArray(classes)}";

    public static IReadOnlyList<NativeMethodEntry> Table(NanoFrameworkNames names, ClassHeadProgram? classes)
    {
        // Process returns the Decision struct: the metadata processor names a non-primitive type by its full name without dots.
        string process = $"Process___STATIC__{names.Assembly.Replace(".", "", StringComparison.Ordinal)}Decision__SZARRAY_I2__{OutputArray(classes)}";
        var rows = new List<NativeMethodEntry> { new(names.NativeClass, process, IsNative: false) };
        if (classes is not null)
        {
            rows.Add(new(names.NativeClass, $"ArgMax___STATIC__I4__{OutputArray(classes)}", IsNative: false));
        }

        rows.AddRange(
        [
            new(names.NativeClass, Reset, IsNative: true),
            new(names.NativeClass, GetSwitchThreshold, IsNative: true),
            new(names.NativeClass, SetSwitchThreshold, IsNative: true),
            new(names.NativeClass, NativeProcess(classes), IsNative: true),
        ]);
        if (classes is not null)
        {
            // The Labels array's initializer: the compiler emits the static constructor after the declared methods.
            rows.Add(new(names.NativeClass, ".cctor___STATIC__VOID", IsNative: false));
        }

        return rows;
    }
}
