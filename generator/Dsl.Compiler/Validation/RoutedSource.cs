namespace Dsl.Compiler.Validation;

/// <summary>Where the two-core routed output of a frame came from (the generated <c>m_routed_t</c>).</summary>
public enum RoutedSource
{
    /// <summary>Not assembled yet (the first L frames after init); never in a routing log.</summary>
    None = 0,

    /// <summary>A light frame: its light output.</summary>
    Light = 1,

    /// <summary>A heavy frame: the heavy core's output, there in time.</summary>
    Heavy = 2,

    /// <summary>A heavy frame whose heavy output was not there (or not intact) when due: its light output.</summary>
    Late = 3,
}
