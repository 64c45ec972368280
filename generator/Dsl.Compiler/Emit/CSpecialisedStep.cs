namespace Dsl.Compiler.Emit;

/// <summary>
/// A step with a function of its own (specialised_c.scriban): <c>Function(in, out)</c> calls the inlined
/// kernel body <c>Body</c> with the params struct, the row count, the shape and
/// the output stage's form (<see cref="CStageForm"/>) as constants.
/// </summary>
internal sealed record CSpecialisedStep(
    string Comment,
    string Function,
    CKernelBody Body,
    string Params,
    int Rows,
    IReadOnlyList<int> Shape,
    string Form);
