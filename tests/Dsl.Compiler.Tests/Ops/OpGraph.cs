using Dsl.Cli.Checks;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Lowering;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Onnx;
using Dsl.Compiler.Passes;
using Dsl.Compiler.Tests.Onnx;

namespace Dsl.Compiler.Tests.Ops;

/// <summary>
/// A small streamed model around one op under test: audio [1,1,T] -> causal Pad + Conv (1 -> 4
/// channels, "x") -> the op's nodes -> output "y". Checks the float streaming reference against
/// onnxruntime on the whole clip.
/// </summary>
public sealed class OpGraph
{
    public const int Frame = 16;
    public const int Frames = 8;

    private static int seed = 1;

    public OpGraph()
    {
        Builder.AddInput("audio", 1, 1, Frame * Frames);
        Builder.AddInitializer("pads", new long[] { 0, 0, 2, 0, 0, 0 }, 6);
        Builder.AddNode("Pad", new[] { "audio", "pads" }, new[] { "padded" });
        Builder.AddInitializer("stem_w", Random(4 * 1 * 3), 4, 1, 3);
        Builder.AddInitializer("stem_b", Random(4), 4);
        Builder.AddNode("Conv", new[] { "padded", "stem_w", "stem_b" }, new[] { "x" });
    }

    public OnnxModelBuilder Builder { get; } = new(opset: 13);

    public static float[] Random(int n)
    {
        var r = new Random(seed++);
        return Enumerable.Range(0, n).Select(_ => (float)((r.NextDouble() * 2) - 1) * 0.5f).ToArray();
    }

    /// <summary>Imports, lowers and runs the passes; returns the streamed graph.</summary>
    public IrGraph Lower(string dir)
    {
        Builder.AddOutput("y");
        string path = Path.Combine(dir, "model.onnx");
        Builder.Save(path);
        OnnxGraph onnx = OnnxImporter.Import(path, Frame * Frames);
        return PassPipeline.Run(OnnxLowering.Lower(onnx, "audio", Frame, Frames), path);
    }

    /// <summary>Max error of the streamed float reference relative to onnxruntime's full scale, per output.</summary>
    public (IrGraph Graph, double RelativeError) CompareWithOnnxRuntime()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-op-").FullName;
        try
        {
            IrGraph graph = Lower(dir);
            var manifest = new DslManifest(Path.Combine(dir, "dsl.json"), "op", 16000, Frame, "audio", "y", 0f, 0,
                Array.Empty<string>(), new[] { "y" }, RoutingMode.Gate, "model.onnx", Array.Empty<string>(), Array.Empty<string>());
            var r = new Random(7);
            short[] audio = Enumerable.Range(0, Frame * Frames).Select(_ => (short)r.Next(-20000, 20000)).ToArray();
            double worst = OnnxRuntimeComparison.Compare(manifest, graph, audio).Outputs.Max(c => c.RelativeError);
            return (graph, worst);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
