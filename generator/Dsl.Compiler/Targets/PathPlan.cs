using System.Globalization;
using System.Text.RegularExpressions;

namespace Dsl.Compiler.Targets;

/// <summary>What the compiler knows about one path: work and memory plan (from report.json / &lt;m&gt;.h).</summary>
/// <param name="MacsPerFrame">Multiply-accumulates per frame.</param>
/// <param name="ArenaBytes">Scratch arena.</param>
/// <param name="StateBytes">Persistent state.</param>
/// <param name="Steps">The path's steps (from the compiled program), needed for a per-step profile; null when unknown.</param>
public sealed partial record PathPlan(long MacsPerFrame, long ArenaBytes, long StateBytes, IReadOnlyList<Schedule.StepSummary>? Steps = null)
{
    /// <summary>Arena and state from the <c>&lt;M&gt;_&lt;PATH&gt;_ARENA_BYTES</c> / <c>_STATE_BYTES</c> macros of
    /// <c>&lt;m&gt;.h</c> (0 when absent or not a plain integer); MACs must come from the report.</summary>
    public static PathPlan FromHeader(ModelFolder model, string path, long macsPerFrame = 0)
    {
        var header = File.ReadAllText(Path.Combine(model.Directory, model.Name + ".h"));
        long Macro(string name)
        {
            var m = DefineRegex().Matches(header).FirstOrDefault(x => x.Groups["name"].Value == name);
            return m is not null && long.TryParse(m.Groups["value"].Value.TrimEnd('u', 'U', 'l', 'L'), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : 0;
        }

        var prefix = $"{model.Name.ToUpperInvariant()}_{path.ToUpperInvariant()}";
        return new PathPlan(macsPerFrame, Macro(prefix + "_ARENA_BYTES"), Macro(prefix + "_STATE_BYTES"));
    }

    [GeneratedRegex(@"^\s*#\s*define\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+\(?(?<value>\d+[uUlL]*)\)?\s*(/\*.*)?$", RegexOptions.Multiline)]
    private static partial Regex DefineRegex();
}
