using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Tests.Targets;
using Dsl.Compiler.Toolchain;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The tiny fixture on the emulated two-core board mps2-an521: the light core (CPU0) runs the light path and
/// publishes into the shared ring, the heavy core (CPU1, its own image) services the jobs; every light
/// output, decision, handoff byte (as the heavy core reads it), heavy output and routed output of the run
/// must equal the golden model, and each core's instructions are in the trace.
/// </summary>
public sealed class TwoCoreValidationTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("dsl-two-cores-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    [Trait("Category", "Qemu")]
    public void Tiny_model_on_two_emulated_cores_is_bit_exact_with_per_core_counts()
    {
        if (!ToolGate.Have("arm-none-eabi-gcc", "arm-none-eabi-objcopy", QemuRunner.Executable))
        {
            return;
        }

        var board = BoardProfileLoader.Load("mps2-an521", FakeModel.Repo.BoardsDir);
        CompiledModel model = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions());
        string emitted = Path.Combine(work, model.Program.Name);
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Of(board), _ => { },
            layoutBoard: board);

        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, [Fixtures.TinyDslTestAudio], board, Path.Combine(work, "build"));

        ValidationVerdict verdict = ValidationVerdict.Of(results);
        Assert.True(verdict.BitExact, verdict.FirstDifference);
        var trace = results[0].Trace;
        // the clip switches light -> heavy, so the heavy core restarted with a replay and continued
        Assert.Contains(trace, f => f.Route == 1 && f.ReplayFrames > 0);
        Assert.Contains(trace, f => f.Route == 0);
        Assert.All(trace, f => Assert.True(f.LightInstructions > 0));
        Assert.All(trace, f => Assert.Equal(f.Route == 1, f.HeavyInstructions > 0));
        // the images of both cores were built, the heavy one also as the raw binary QEMU loads
        Assert.True(File.Exists(Path.Combine(work, "build", board.HeavyCore, $"{model.Program.Name}_mps2_an521_test_{board.HeavyCore}.bin")));
    }
}
