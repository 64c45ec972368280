using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Precision;

namespace Dsl.Cli.Commands;

/// <summary>What the verbs that compile print and keep about the precision decision.</summary>
public static class PrecisionLines
{
    /// <summary>The one-line summary of the decision (nothing when the model has none).</summary>
    public static void Summary(CompiledModel model, Action<string> print)
    {
        if (model.Precision is { } p)
        {
            print(p.Summary());
        }
    }

    /// <summary>precision.json in a work folder: the report, and the cache the next run in that folder reads.</summary>
    public static void Write(CompiledModel model, string folder)
    {
        if (model.Precision is { } p)
        {
            CommandSupport.WriteFile(Path.Combine(folder, PrecisionJson.FileName), "--work", path => File.WriteAllText(path, PrecisionJson.ToJson(p)));
        }
    }
}
