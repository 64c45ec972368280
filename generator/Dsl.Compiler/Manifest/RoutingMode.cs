namespace Dsl.Compiler.Manifest;

/// <summary>What happens to frames the switch does not send to the heavy path.</summary>
public enum RoutingMode
{
    /// <summary>DSL: easy frames take the light path and produce the light output.</summary>
    Switch,

    /// <summary>GC: easy frames stop; nothing more is computed and the output is silence.</summary>
    Gate,
}
