using System.Globalization;
using Scriban;
using Scriban.Runtime;

namespace Dsl.Compiler.Emit;

/// <summary>Renders the embedded Scriban templates (Emit/Templates/*.scriban), one per output file.</summary>
internal static class CTemplates
{
    /// <summary>Renders <paramref name="name"/>.scriban with the given variables (snake_case names in the template).</summary>
    public static string Render(string name, IReadOnlyDictionary<string, object> variables)
    {
        var template = Template.Parse(Load(name), name + ".scriban");
        if (template.HasErrors)
        {
            throw new InvalidOperationException(
                $"template {name}.scriban: " + string.Join("; ", template.Messages.Select(m => m.ToString())));
        }

        var globals = new ScriptObject();
        foreach (var (key, value) in variables)
            globals.SetValue(key, value, readOnly: true);

        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 0,      // big models have many steps
            LimitToString = 0,  // and weights files beyond Scriban's 1 MB default
            NewLine = "\n",
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        // Templates are checked out with \n; normalise anyway so output never depends on git settings.
        return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Load(string name)
    {
        var assembly = typeof(CTemplates).Assembly;
        var suffix = ".Emit.Templates." + name + ".scriban";
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
                       ?? throw new InvalidOperationException($"embedded template {name}.scriban is missing");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
