using Dsl.Compiler.Audio;
using Dsl.Compiler.Pipeline;
using Dsl.Cli.Checks;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>The streaming float reference against onnxruntime running the whole clip at once.</summary>
public sealed class FloatReferenceVsOnnxRuntimeTests
{
    [Fact]
    public void Tiny_model_streams_like_onnxruntime_on_the_whole_clip()
    {
        var (manifest, graph, _) = ModelCompiler.Analyze(Fixtures.TinyDsl);
        short[] audio = WavFile.ReadMono16(Fixtures.TinyDslTestAudio, 16000);
        foreach ((string output, double relError) in OnnxRuntimeComparison.Compare(manifest, graph, audio))
        {
            Assert.True(relError < 1e-4, $"{output}: max error relative to max |value| is {relError:E2}");
        }
    }
}
