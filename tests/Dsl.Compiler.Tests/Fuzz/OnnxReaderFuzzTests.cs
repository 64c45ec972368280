using Dsl.Compiler.Ir;
using Dsl.Compiler.Lowering;
using Dsl.Compiler.Onnx;
using Dsl.Compiler.Passes;
using Dsl.Compiler.Tests.Onnx;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>
/// Mutated ONNX files through what <c>dslc inspect</c> runs up to the partition: the protobuf reader,
/// import (constant folding, shape inference), lowering and the passes. Seeds: the tiny fixture, the
/// torch-exported op fixtures and the shipped model; half the cases mutate bytes, half mutate protobuf
/// fields (<see cref="ProtobufMutator"/>).
/// </summary>
public sealed class OnnxReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixtures are traced at 16 samples per frame (every fixture's total stride divides it).</summary>
    private const int FixtureFrame = 16;

    private const int TraceFrames = 8;

    /// <summary>
    /// Per case: 80x the file plus 32 MiB. Reading keeps the bytes, the parsed messages and the float
    /// weights (a few times the file); lowering copies the weights once more; constant folding may create
    /// 2^20 elements plus two per byte of the file in all (FoldBudget), each costing up to 24 bytes
    /// (index map, values, a broadcast map).
    /// </summary>
    private static long Bound(int inputBytes) => (80L * inputBytes) + (32L << 20);

    private static void Analyze(string path, byte[] bytes, int frame)
    {
        OnnxGraph onnx = OnnxImporter.Import(path, bytes, (long)frame * TraceFrames);
        IrGraph graph = OnnxLowering.Lower(onnx, "audio", frame, TraceFrames);
        PassPipeline.Run(graph, path);
    }

    private static int FrameOf(string path) =>
        path.Contains("tiny_dsl", StringComparison.Ordinal) ? 32 : path.Contains("models", StringComparison.Ordinal) ? 320 : FixtureFrame;

    /// <summary>Even cases: byte mutations (framing, lengths, truncation); odd cases: protobuf-aware ones (values).</summary>
    private static Func<int, byte[], byte[]> Mixed(int seed)
    {
        var bytes = new Mutator(FuzzRun.RandomSeed(seed));
        var fields = new ProtobufMutator(FuzzRun.RandomSeed(seed) + 1);
        return (i, input) => i % 2 == 0 ? bytes.Mutate(input) : fields.Mutate(input);
    }

    [Fact]
    public void Mutated_small_models_fail_only_with_a_DslException_and_bounded_allocation()
    {
        var seeds = Directory.GetFiles(OnnxFixtures.Directory, "*.onnx").Order(StringComparer.Ordinal)
            .Append(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "tiny_dsl", "model.onnx"))
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();
        FuzzRun.Run(output, "onnx", seeds, cases: 10_000, Mixed(7001), Bound, (path, bytes) => Analyze(path, bytes, FrameOf(path)));
    }

    [Fact]
    public void Mutated_shipped_model_fails_only_with_a_DslException_and_bounded_allocation()
    {
        string path = Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "model.onnx");
        FuzzRun.Run(output, "onnx-shipped", [(path, File.ReadAllBytes(path))], cases: 300, Mixed(7002), Bound, (p, bytes) => Analyze(p, bytes, FrameOf(p)));
    }
}
