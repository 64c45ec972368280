using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Emit.NanoFramework;

/// <summary>
/// The names of a model's nanoFramework binding: the managed assembly, namespace and class, and the C++
/// names nanoFramework's interop derives from them (the metadata processor's rules: dots become underscores).
/// </summary>
/// <param name="Pascal">The model's C name in PascalCase, e.g. <c>DslSoundstreamS</c> for <c>dsl_soundstream_s</c>.</param>
public sealed record NanoFrameworkNames(string Pascal)
{
    /// <summary>Names for the model whose C name (snake_case identifier) is <paramref name="cName"/>.</summary>
    public static NanoFrameworkNames Of(string cName)
    {
        ArgumentException.ThrowIfNullOrEmpty(cName);
        var pascal = new StringBuilder();
        foreach (var part in cName.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            pascal.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }

        // A C name may start with a digit after an underscore (or be underscores only); a C# identifier may not.
        var text = pascal.ToString();
        return new(text.Length == 0 || char.IsDigit(text[0]) ? "M" + text : text);
    }

    /// <summary>Assembly name and namespace: <c>Dsl.Models.&lt;Pascal&gt;</c>.</summary>
    public string Assembly => "Dsl.Models." + Pascal;

    /// <summary>The managed class: <c>&lt;Pascal&gt;Model</c>.</summary>
    public string Class => Pascal + "Model";

    /// <summary>The assembly name as nanoFramework's native side spells it (file names, <c>g_CLR_AssemblyNative_</c>).</summary>
    public string SafeAssembly => Assembly.Replace('.', '_');

    /// <summary>The class as the metadata processor names it: namespace and class joined by '_', dots replaced.</summary>
    public string NativeClass => (Assembly + "_" + Class).Replace('.', '_');

    /// <summary>The C++ struct holding the native methods: <c>Library_&lt;SafeAssembly&gt;_&lt;NativeClass&gt;</c>.</summary>
    public string LibraryStruct => $"Library_{SafeAssembly}_{NativeClass}";
}
