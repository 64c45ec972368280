namespace Dsl.Compiler.Validation;

/// <summary>One figure of <see cref="LevelTargets"/>: its name, its value and the clip it comes from.</summary>
public sealed record LevelFigure(string Name, double Value, string Where);
