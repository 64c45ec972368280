using System.Text.RegularExpressions;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>The per-step profiling hooks in the emitted C and the step names and MACs the profile table uses.</summary>
public sealed partial class StepProfileHooksTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dsl-hooks-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Every_step_is_wrapped_in_hooks_numbered_in_path_order()
    {
        var program = EmitTestPrograms.Tiny();
        CEmitter.Emit(program, _work, new EmitOptions(Path.Combine(Fixtures.RepoRoot, "runtime-c")));
        foreach (var (path, steps) in new[] { ("light", program.Light.Steps.Count), ("heavy", program.Heavy.Steps.Count) })
        {
            var c = File.ReadAllText(Path.Combine(_work, $"tiny_{path}.c"));
            Assert.Contains("#include \"dsl_runtime/dsl_profile.h\"", c);
            var tag = "DSL_PROFILE_" + path.ToUpperInvariant();
            // BEGIN(i); one kernel call; END(i), for i = 0 .. steps-1 in order.
            var wrapped = HookRegex().Matches(c).Select(m => (m.Groups["path"].Value, int.Parse(m.Groups["i"].Value), m.Groups["j"].Value)).ToList();
            Assert.Equal(Enumerable.Range(0, steps).Select(i => (tag, i, i.ToString())), wrapped);
            Assert.Equal(steps, Regex.Count(c, "DSL_PROFILE_STEP_BEGIN"));
            Assert.Matches($"#define TINY_{path.ToUpperInvariant()}_STEPS +{steps} ", File.ReadAllText(Path.Combine(_work, "tiny.h")));
        }

        var generic = File.ReadAllText(Path.Combine(_work, "dsl_model.h"));
        Assert.Contains("#define DSL_MODEL_LIGHT_STEPS TINY_LIGHT_STEPS\n", generic);
        Assert.Contains("#define DSL_MODEL_HEAVY_STEPS TINY_HEAVY_STEPS\n", generic);
        // Empty by default: production builds call nothing.
        var hooks = File.ReadAllText(Path.Combine(_work, "dsl_runtime", "dsl_profile.h"));
        Assert.Contains("#define DSL_PROFILE_STEP_BEGIN(path, step) ((void)0)", hooks);
        Assert.Contains("#ifdef DSL_PROFILE_STEPS", hooks);
    }

    [Fact]
    public void Step_macs_add_up_to_the_report_per_path()
    {
        var model = Compiled.Value;
        var report = ModelReport.From(model, ConvSpecialisation.None);
        Assert.Equal(report.Light.MacsPerFrame, StepSummary.Of(model.Program.Light).Sum(s => s.Macs));
        Assert.Equal(report.Heavy.MacsPerFrame, StepSummary.Of(model.Program.Heavy).Sum(s => s.Macs));
        Assert.True(report.Heavy.MacsPerFrame > 0);
    }

    [Fact]
    public void Steps_are_named_by_op_node_and_shape_in_path_order()
    {
        var program = Compiled.Value.Program;
        var light = StepSummary.Of(program.Light);
        Assert.Equal(Enumerable.Range(0, program.Light.Steps.Count), light.Select(s => s.Index));
        Assert.Equal(program.Light.Steps.Select(s => s.Node), light.Select(s => s.Node));
        var convs = program.Light.Steps.OfType<ConvStep>().ToList();
        var strided = convs.First(s => s.Stride > 1 && s.Groups == 1);
        var summary = light[program.Light.Steps.ToList().IndexOf(strided)];
        Assert.Equal("conv1d_s8", summary.Op);
        Assert.Equal($"{strided.InChannels}->{strided.OutChannels} k{strided.Kernel} s{strided.Stride}, {strided.OutRows} rows", summary.Shape);
        Assert.Equal((long)strided.OutRows * strided.OutChannels * strided.Kernel * strided.InChannels, summary.Macs);
        Assert.Contains(light, s => s.Op == "conv1d_s16_s8");
        Assert.Contains(light, s => s.Op == "history_shift" && s.Macs == 0 && s.Shape.EndsWith(" B", StringComparison.Ordinal));
        var dilated = convs.First(s => s.Dilation > 1);
        Assert.Contains($" d{dilated.Dilation},", light[program.Light.Steps.ToList().IndexOf(dilated)].Shape);
    }

    // the call is a library kernel (dsl_*) or a step's specialised function (<node>_step)
    [GeneratedRegex(@"DSL_PROFILE_STEP_BEGIN\((?<path>DSL_PROFILE_\w+), (?<i>\d+)\);\n    \w+\([^\n]*\);\n    DSL_PROFILE_STEP_END\(\k<path>, (?<j>\d+)\);")]
    private static partial Regex HookRegex();
}
