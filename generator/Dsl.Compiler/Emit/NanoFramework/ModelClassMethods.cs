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
    public const string NativeProcess = "NativeProcess___STATIC__I4__SZARRAY_I2__SZARRAY_I2";

    public static IReadOnlyList<NativeMethodEntry> Table(NanoFrameworkNames names)
    {
        // Process returns the Decision struct: the metadata processor names a non-primitive type by its full name without dots.
        string process = $"Process___STATIC__{names.Assembly.Replace(".", "", StringComparison.Ordinal)}Decision__SZARRAY_I2__SZARRAY_I2";
        return
        [
            new(names.NativeClass, process, IsNative: false),
            new(names.NativeClass, Reset, IsNative: true),
            new(names.NativeClass, GetSwitchThreshold, IsNative: true),
            new(names.NativeClass, SetSwitchThreshold, IsNative: true),
            new(names.NativeClass, NativeProcess, IsNative: true),
        ];
    }
}
