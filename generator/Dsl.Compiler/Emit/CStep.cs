namespace Dsl.Compiler.Emit;

/// <summary>The C of one step: the node comment, its static params struct (or empty) and the kernel call.</summary>
internal sealed record CStep(string Comment, string Params, string Call);
