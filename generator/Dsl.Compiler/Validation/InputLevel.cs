namespace Dsl.Compiler.Validation;

/// <summary>A frame's input level class (<see cref="InputLevels"/>).</summary>
public enum InputLevel
{
    /// <summary>Input RMS below <see cref="InputLevels.QuietBelowDbfs"/> (digital silence included).</summary>
    Quiet,

    /// <summary>Neither quiet nor loud.</summary>
    Normal,

    /// <summary>Input RMS above <see cref="InputLevels.LoudAboveDbfs"/>.</summary>
    Loud,
}
