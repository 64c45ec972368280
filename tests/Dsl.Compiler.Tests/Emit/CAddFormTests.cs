using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The form a specialised add passes to dsl_add_s8_body: lean only when both inputs take the pre-shifted rounding high
/// multiply (0 &lt;= k &lt;= 23), the output the requantization shortcut and the zero point folds into its shift, under the
/// model's rounding rule (the same choice as the C library's dsl_add_s8_form); and every add of a path is emitted so.
/// </summary>
public sealed class CAddFormTests : IDisposable
{
    private const int Q30 = 1 << 30;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-addform-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static AddStep Add(int aShift = 0, int bShift = -1, int leftShift = 20, int outShift = -18, int outZeroPoint = -3,
        int aZeroPoint = -3, int bMultiplier = 1182135299, int actMin = -128, int actMax = 127, sbyte[]? lut = null) =>
        new("add", aZeroPoint, Q30, aShift, 5, bMultiplier, bShift, leftShift, 1153282489, outShift, outZeroPoint, actMin, actMax, lut,
            new BufferSlice(BufferRegion.Arena, 0, 16), new BufferSlice(BufferRegion.Arena, 16, 16), null, 16, 1, 16,
            new BufferSlice(BufferRegion.Arena, 32, 16));

    [Fact]
    public void The_shipped_models_adds_are_lean_with_pre_shifts_by_rule()
    {
        // Default rule: k = left_shift + 1 + shift; TFLite rule: k = left_shift + 1 (its divide comes after).
        Assert.Equal(new CAddForm(21, 20, "DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"), CAddForm.For(Add(), RoundingRule.Single));
        Assert.Equal(new CAddForm(21, 21, "DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"), CAddForm.For(Add(), RoundingRule.Tflite));
    }

    [Fact]
    public void Pre_shifts_outside_0_to_23_take_the_general_form()
    {
        Assert.Equal(new CAddForm(0, 20, "DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"),
            CAddForm.For(Add(aShift: -21), RoundingRule.Single));
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(aShift: -22), RoundingRule.Single).Flags);
        Assert.Equal(new CAddForm(23, 22, "DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"),
            CAddForm.For(Add(leftShift: 22), RoundingRule.Single));
        Assert.Equal(new CAddForm(23, 23, "DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"),
            CAddForm.For(Add(leftShift: 22), RoundingRule.Tflite));
        Assert.Equal(new CAddForm(0, 0, "DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE"), CAddForm.For(Add(leftShift: 23), RoundingRule.Tflite));
        // a positive input shift, a negative multiplier or a zero point outside int8 have no lean rescale
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(aShift: 1), RoundingRule.Single).Flags);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(bMultiplier: -5), RoundingRule.Single).Flags);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(aZeroPoint: 128), RoundingRule.Single).Flags);
    }

    [Fact]
    public void The_output_needs_the_requant_shortcut_and_a_zero_point_that_folds()
    {
        // Default rule: shortcut for shift <= -2, final right shift -1 - shift <= 22.
        Assert.StartsWith("DSL_ADD_LEAN", CAddForm.For(Add(outShift: -2), RoundingRule.Single).Flags, StringComparison.Ordinal);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(outShift: -1), RoundingRule.Single).Flags);
        Assert.StartsWith("DSL_ADD_LEAN", CAddForm.For(Add(outShift: -23), RoundingRule.Single).Flags, StringComparison.Ordinal);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(outShift: -24), RoundingRule.Single).Flags);
        // TFLite rule: shortcut for shift <= 0, right shift -shift <= 22.
        Assert.StartsWith("DSL_ADD_LEAN", CAddForm.For(Add(outShift: 0), RoundingRule.Tflite).Flags, StringComparison.Ordinal);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(outShift: 1), RoundingRule.Tflite).Flags);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(outShift: -23), RoundingRule.Tflite).Flags);
        // zero point in [-128, 128]
        Assert.StartsWith("DSL_ADD_LEAN", CAddForm.For(Add(outZeroPoint: 128), RoundingRule.Single).Flags, StringComparison.Ordinal);
        Assert.Equal("DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(outZeroPoint: -129), RoundingRule.Single).Flags);
    }

    [Fact]
    public void Lut_and_clamp_flags_follow_the_step()
    {
        Assert.Equal("DSL_ADD_LEAN | DSL_ADD_LUT | DSL_ADD_INT8_RANGE", CAddForm.For(Add(lut: new sbyte[256]), RoundingRule.Single).Flags);
        Assert.Equal("DSL_ADD_LEAN | DSL_ADD_NO_LUT", CAddForm.For(Add(actMin: 0), RoundingRule.Single).Flags);
        Assert.Equal("DSL_ADD_LEAN | DSL_ADD_NO_LUT", CAddForm.For(Add(actMax: 6), RoundingRule.Single).Flags);
    }

    [Fact]
    public void Every_add_calls_its_own_function_unless_nothing_is_specialised()
    {
        var program = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()).Program;
        var adds = program.Light.Steps.Concat(program.Heavy.Steps).OfType<AddStep>().ToList();
        Assert.NotEmpty(adds);

        CEmitter.Emit(program, Path.Combine(_work, "spec"), new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c")));
        var code = File.ReadAllText(Path.Combine(_work, "spec", "tiny_dsl_light.c"))
                   + File.ReadAllText(Path.Combine(_work, "spec", "tiny_dsl_heavy.c"));
        Assert.Equal(adds.Count, Count(code, "DSL_HOT DSL_ADD_STEP_NOINLINE static void "));
        Assert.Equal(adds.Count, Count(code, "    dsl_add_s8_body(&"));
        foreach (var add in adds)
            Assert.Contains(CAddForm.For(add, program.Rounding).Flags + ");", code, StringComparison.Ordinal);
        Assert.DoesNotContain("dsl_add_s8(&", code, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "spec", "dsl_runtime", "dsl_add_s8.c")));

        CEmitter.Emit(program, Path.Combine(_work, "none"),
            new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c"), Specialisation: ConvSpecialisation.None));
        var library = File.ReadAllText(Path.Combine(_work, "none", "tiny_dsl_light.c"))
                      + File.ReadAllText(Path.Combine(_work, "none", "tiny_dsl_heavy.c"));
        Assert.Equal(adds.Count, Count(library, "dsl_add_s8(&"));
        Assert.DoesNotContain("dsl_add_s8_body", library, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_work, "none", "dsl_runtime", "dsl_add_s8.c")));
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }
}
