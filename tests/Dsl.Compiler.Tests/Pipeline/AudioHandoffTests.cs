using Dsl.Compiler.Analysis;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// dsl.json 'handoff': "audio": the heavy path runs its own copy of the shared layers from the input audio. The light
/// path stays exactly as with "features", the handoff is the audio frame, the replay covers the copies' receptive
/// field, the copies can be int16 (<c>--int16 heavy</c>) while the light path stays int8, and golden model and C
/// agree bit for bit.
/// </summary>
public sealed class AudioHandoffTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dslc-handoff-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A copy of the tiny model whose dsl.json sets 'handoff' to <paramref name="json"/>.</summary>
    private string TinyWithHandoff(string json)
    {
        string source = Path.GetDirectoryName(Fixtures.TinyDsl)!;
        foreach (string f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(dir, Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }

        string manifest = Path.Combine(dir, "dsl.json");
        string text = File.ReadAllText(manifest).TrimEnd().TrimEnd('}') + $", \"handoff\": {json} }}";
        File.WriteAllText(manifest, text);
        return manifest;
    }

    [Fact]
    public void The_light_path_is_unchanged_and_the_heavy_path_reads_the_audio()
    {
        (_, IrGraph features, Partition before) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        (_, IrGraph audio, Partition after) = ModelCompiler.Analyze(TinyWithHandoff("\"audio\""));

        Assert.NotEqual([features.Input], before.Handoff);
        Assert.Equal([audio.Input], after.Handoff);
        Assert.Equal(before.LightNodes.Select(n => n.Name), after.LightNodes.Select(n => n.Name));
        var copies = after.HeavyNodes.Where(n => n.Name.EndsWith(SharedLayerCopy.Suffix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.Contains(before.LightNodes, n => n.Name + SharedLayerCopy.Suffix == c.Name));
        Assert.True(after.ReplayFrames >= before.ReplayFrames, $"replay {after.ReplayFrames} < {before.ReplayFrames}");
    }

    [Fact]
    public void Int16_heavy_copies_keep_the_light_path_int8_and_validate_bit_exact_on_the_host()
    {
        string manifest = TinyWithHandoff("\"audio\"");
        CompiledModel m = ModelCompiler.Compile(manifest, new CompileOptions { Int16Scope = Int16Scope.Heavy });
        var heavy = m.Partition.HeavyNodes.Select(n => n.Output).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(m.Quantization.Int16Tensors, t => t.EndsWith(SharedLayerCopy.Suffix, StringComparison.Ordinal));
        Assert.All(m.Quantization.Int16Tensors, t => Assert.Contains(t, heavy));

        DslcProcess.Result r = DslcProcess.Run(["validate", "-m", manifest, "--work", Path.Combine(dir, "w"), "-q", "--int16", "heavy"]);
        Assert.True(r.Code == 0, $"exit {r.Code}\n{r.StdOut}{r.StdErr}");
        Assert.Contains("bit-exact on", r.StdOut);
    }

    [Fact]
    public void An_unknown_handoff_is_refused_naming_the_field()
    {
        var e = Assert.Throws<DslException>(() => DslManifestLoader.Load(TinyWithHandoff("\"embedding\"")));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("'handoff'", e.Message);
    }
}
