namespace Dsl.Compiler.Analysis;

public enum PathKind
{
    /// <summary>Always on: everything the switch and the light outputs need.</summary>
    Light,

    /// <summary>Gated: what only the heavy outputs need.</summary>
    Heavy,
}
