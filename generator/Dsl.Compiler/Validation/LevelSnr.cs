namespace Dsl.Compiler.Validation;

/// <summary>Int vs float SNR over the frames of one input level class; <paramref name="SnrDb"/> is null when the
/// clip has no frame of that class.</summary>
public sealed record LevelSnr(InputLevel Level, int Frames, double? SnrDb);
