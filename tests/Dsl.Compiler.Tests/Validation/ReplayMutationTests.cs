using Dsl.Compiler.Output;
using Dsl.Cli.Commands;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Validation;

/// <summary>
/// The bit-exact verdict of <c>dslc validate</c> can say "no": the tiny fixture is generated as validate
/// generates it, one line of the emitted routing code (<c>&lt;m&gt;_model.c</c>, <c>&lt;m&gt;_light.c</c>) is
/// broken, and the host validation must report a mismatch with exit code 10. The unmutated copy is the
/// control (exit 0).
/// </summary>
public sealed class ReplayMutationTests : IDisposable
{
    private static readonly Lazy<CompiledModel> Compiled = new(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions()));

    private readonly string work = Directory.CreateTempSubdirectory("dsl-mutation-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>Generates the model, applies <paramref name="mutate"/> (source, model name) to
    /// <c>&lt;m&gt;&lt;<paramref name="suffix"/>&gt;</c>, validates on the host.</summary>
    private ValidationVerdict Validate(string name, Func<string, string, string>? mutate, string suffix = "_model.c")
    {
        CompiledModel model = Compiled.Value;
        string m = model.Program.Name;
        string emitted = Path.Combine(work, name, m);
        GenerateCommand.Generate(model, OutputFolder.Claim(emitted, ModelInputs.None, "--work"), null, PathVariants.Uniform(KernelVariant.Portable), _ => { });
        if (mutate is not null)
        {
            string file = Path.Combine(emitted, m + suffix);
            string before = File.ReadAllText(file);
            string after = mutate(before, m);
            Assert.NotEqual(before, after); // the mutation must apply, or the test proves nothing
            File.WriteAllText(file, after);
        }

        IReadOnlyList<ClipValidation> results = ModelValidator.Run(model, emitted, [Fixtures.TinyDslTestAudio], null, Path.Combine(work, name, "build"));
        Assert.Contains(results[0].Trace, f => f.ReplayFrames > 0);
        return ValidationVerdict.Of(results);
    }

    [Fact]
    public void Unmutated_model_is_bit_exact()
    {
        ValidationVerdict v = Validate("control", null);
        Assert.True(v.BitExact, v.FirstDifference);
        Assert.Equal(0, v.ExitCode);
    }

    [Fact]
    public void Replay_disabled_in_the_generated_model_is_a_mismatch_with_exit_10()
    {
        ValidationVerdict v = Validate("no-replay", (c, _) => c.Replace("for (age = d->replay_frames; age >= 1; age--)", "for (age = 0; age >= 1; age--)", StringComparison.Ordinal));
        Assert.False(v.BitExact);
        Assert.Equal((int)DslErrorCode.Mismatch, v.ExitCode);
        Assert.Contains("heavy_out sample", v.FirstDifference);
    }

    [Fact]
    public void Single_core_process_that_drops_the_heavy_output_is_a_mismatch_with_exit_10()
    {
        // Only m_process changes: the per-path pass stays right, so only the routed output can catch it.
        ValidationVerdict v = Validate("process-light-only", (c, m) =>
        {
            string call = $"{m}_heavy_process_routed(&d, out);";
            int at = c.LastIndexOf(call, StringComparison.Ordinal);
            return at < 0 ? c : c.Remove(at, call.Length).Insert(at, $"{{ static int16_t dropped[{m.ToUpperInvariant()}_FRAME_SAMPLES]; {m}_heavy_process_routed(&d, dropped); }}");
        });
        Assert.False(v.BitExact);
        Assert.Equal((int)DslErrorCode.Mismatch, v.ExitCode);
        Assert.Contains("m_process routed out sample", v.FirstDifference);
    }

    [Fact]
    public void Heavy_path_not_restarted_at_a_clip_start_is_a_mismatch_with_exit_10()
    {
        // The prev_heavy class of bug: m_process must not rely on the heavy state of an earlier clip. The
        // test clip starts heavy; the harness resets only the light path before its m_process pass.
        ValidationVerdict v = Validate("no-restart-at-start", (c, _) => c.Replace("d.heavy_restart = heavy && !r->prev_heavy;",
            "d.heavy_restart = heavy && !r->prev_heavy && r->frames_seen > 0;", StringComparison.Ordinal), "_light.c");
        Assert.False(v.BitExact);
        Assert.Equal((int)DslErrorCode.Mismatch, v.ExitCode);
        Assert.Contains("m_process", v.FirstDifference);
    }
}
