namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>
/// One row of a nanoFramework assembly's native method table: every method of the assembly has one, in the
/// metadata processor's order; a managed method's row is NULL.
/// </summary>
/// <param name="NativeClass">The declaring class as the metadata processor names it (see <see cref="NanoFrameworkNames.NativeClass"/>).</param>
/// <param name="NativeName">The method as the metadata processor names it: name, <c>___STATIC__</c> or <c>___</c>, then
/// return and parameter types joined by <c>__</c> (e.g. <c>Reset___STATIC__VOID</c>).</param>
/// <param name="IsNative">Implemented in C (InternalCall): the row points at its handler.</param>
public sealed record NativeMethodEntry(string NativeClass, string NativeName, bool IsNative);
