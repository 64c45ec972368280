namespace Dsl.Compiler.Emit;

/// <summary>
/// The C a model needs on a board whose light and heavy paths run on two cores (templates cores_h,
/// cores_shared_c, light_core_c, heavy_core_c, dsl_cores_h): the shared object in <c>.dsl_handoff</c> and
/// each core's entry points. They depend only on the model's name (sizes come from <c>&lt;m&gt;.h</c>), so
/// they are written with the board glue, into each core's folder (each folder builds on its own).
/// </summary>
public static class TwoCoreSources
{
    /// <summary>Files (name, text) of the core that runs <paramref name="role"/> (<c>light</c> or
    /// <c>heavy</c>), in ordinal order of name.</summary>
    public static IReadOnlyList<(string Name, string Text)> For(string modelName, string role)
    {
        if (role is not ("light" or "heavy"))
        {
            throw new ArgumentException($"a core of a two-core board runs the light or the heavy path, not '{role}'", nameof(role));
        }

        var vars = new Dictionary<string, object> { ["name"] = modelName, ["upper"] = modelName.ToUpperInvariant() };
        var files = new List<(string Name, string Text)>
        {
            ("dsl_cores.h", CTemplates.Render("dsl_cores_h", vars)),
            (CoresHeader(modelName), CTemplates.Render("cores_h", vars)),
            (SharedSource(modelName), CTemplates.Render("cores_shared_c", vars)),
            (EntrySource(modelName, role), CTemplates.Render(role + "_core_c", vars)),
        };
        return files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The protocol header (runtime-c/include) the sources include; the glue copies it next to them.</summary>
    public const string ProtocolHeader = "dsl_handoff.h";

    /// <summary><c>&lt;m&gt;_cores.h</c>: the two-core API.</summary>
    public static string CoresHeader(string modelName) => modelName + "_cores.h";

    /// <summary><c>&lt;m&gt;_cores_shared.c</c>: the shared object, compiled into both cores.</summary>
    public static string SharedSource(string modelName) => modelName + "_cores_shared.c";

    /// <summary><c>&lt;m&gt;_light_core.c</c> or <c>&lt;m&gt;_heavy_core.c</c>: one core's entry points.</summary>
    public static string EntrySource(string modelName, string role) => $"{modelName}_{role}_core.c";
}
