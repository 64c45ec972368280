using Dsl.Compiler.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>
/// Raw torch.onnx.export output (tests/fixtures/onnx, made by make_fixtures.py with Debian's torch 1.13)
/// must import, untouched, to graphs of compute ops whose shapes agree with onnxruntime.
/// </summary>
public sealed class OnnxFixtureTests
{
    private static readonly HashSet<string> Compute =
    [
        "Conv", "ConvTranspose", "Elu", "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Add", "Mul", "MatMul", "Gemm",
        "Pad", "Slice", "Transpose", "Reshape", "Concat", "Squeeze", "Unsqueeze",
    ];

    public static TheoryData<string, string> Models => new()
    {
        { "causal_conv", "Pad Conv" },
        { "strided_elu_residual", "Pad Conv Pad Conv Elu Add" },
        { "transposed_crop", "Pad Conv Relu ConvTranspose Slice Tanh" },
        { "linear_over_channels", "Conv LeakyRelu Transpose MatMul Add Transpose" },
        { "sigmoid_mask", "Pad Conv Mul" },
        { "two_outputs", "Pad Conv Relu Conv Slice" },
        { "concat_squeeze", "Pad Conv Pad Conv Concat Squeeze Unsqueeze Conv" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void TorchExportImportsToComputeOpsOnly(string model, string ops)
    {
        foreach (int opset in new[] { 13, 17 })
        {
            OnnxGraph g = OnnxImporter.Import(OnnxFixtures.PathOf($"{model}_op{opset}.onnx"), 64);
            Assert.Equal(opset, g.Opset);
            Assert.Equal(ops, string.Join(' ', g.Nodes.Select(n => n.OpType)));
            Assert.All(g.Nodes, n => Assert.Contains(n.OpType, Compute));
            Assert.Equal(["audio"], g.Inputs);
            Assert.Equal(new long[] { 1, 1, 64 }, g.Shapes["audio"]);

            // Every value a node reads or writes has a shape; non-data inputs are constants.
            foreach (OnnxNode n in g.Nodes)
            {
                Assert.All(n.Inputs.Concat(n.Outputs), v => Assert.True(g.Shapes.ContainsKey(v), $"{n.Describe()}: no shape for '{v}'"));
                Assert.All(n.Inputs.Skip(1), v => Assert.True(g.Constants.ContainsKey(v) || !IsParameterInput(n), $"{n.Describe()}: '{v}' not constant"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OutputShapesAgreeWithOnnxRuntime(string model, string ops)
    {
        Assert.NotEmpty(ops);
        foreach (int traceLength in new[] { 64, 101 })
        {
            string path = OnnxFixtures.PathOf($"{model}_op17.onnx");
            OnnxGraph g = OnnxImporter.Import(path, traceLength);
            Dictionary<string, long[]> expected = RunOnnxRuntime(path, traceLength);
            foreach (string output in g.Outputs)
            {
                Assert.Equal(expected[output], g.Shapes[output]);
            }
        }
    }

    /// <summary>
    /// Exported with do_constant_folding=False and keep_initializers_as_inputs=True, torch leaves the
    /// weight transposes and all pad arithmetic to us: the result must equal the torch-folded export.
    /// </summary>
    [Theory]
    [InlineData("linear_over_channels")]
    [InlineData("transposed_crop")]
    public void UnfoldedExportImportsLikeTheFoldedOne(string model)
    {
        string unfoldedPath = OnnxFixtures.PathOf($"{model}_unfolded_op17.onnx");
        OnnxGraph unfolded = OnnxImporter.Import(unfoldedPath, 80);
        OnnxGraph folded = OnnxImporter.Import(OnnxFixtures.PathOf($"{model}_op17.onnx"), 80);
        Assert.Equal(folded.Nodes.Select(n => n.OpType), unfolded.Nodes.Select(n => n.OpType));
        Assert.Equal(["audio"], unfolded.Inputs); // initializers listed as inputs are not audio inputs
        for (int i = 0; i < folded.Nodes.Count; i++)
        {
            OnnxNode a = folded.Nodes[i], b = unfolded.Nodes[i];
            Assert.Equal(a.Inputs.Count, b.Inputs.Count);
            Assert.Equal(folded.Shapes[a.Outputs[0]], unfolded.Shapes[b.Outputs[0]]);
            for (int k = 0; k < a.Inputs.Count; k++)
            {
                if (folded.Constants.TryGetValue(a.Inputs[k], out OnnxTensor? ca))
                {
                    OnnxTensor cb = unfolded.Constants[b.Inputs[k]];
                    Assert.Equal(ca.Shape, cb.Shape);
                    Assert.Equal(ca.Floats, cb.Floats);
                    Assert.Equal(ca.Ints, cb.Ints);
                }
            }
        }

        Assert.Equal(OnnxRuntimeOracle.Run(File.ReadAllBytes(unfoldedPath), "audio", 80)["y"].Shape, unfolded.Shapes["y"]);
    }

    [Fact]
    public void CausalPadChainFoldsToLeftPadding()
    {
        OnnxGraph g = OnnxImporter.Import(OnnxFixtures.PathOf("strided_elu_residual_op13.onnx"), 64);
        OnnxNode[] pads = g.Nodes.Where(n => n.OpType == "Pad").ToArray();
        Assert.Equal(2, pads.Length);

        // torch writes Pad(x, pads, "") — the empty constant_value means 0 and is dropped.
        Assert.All(pads, p => Assert.Equal(2, p.Inputs.Count));
        Assert.Equal(new long[] { 0, 0, 2, 0, 0, 0 }, g.Constants[pads[0].Inputs[1]].Ints);
        Assert.Equal(new long[] { 0, 0, 4, 0, 0, 0 }, g.Constants[pads[1].Inputs[1]].Ints);
        Assert.Equal(new long[] { 1, 8, 32 }, g.Shapes["y"]);
    }

    [Theory]
    [InlineData("transposed_crop_op13.onnx", 64)]
    [InlineData("transposed_crop_op17.onnx", 100)]
    [InlineData("transposed_crop_static_op13.onnx", 64)]
    public void RightCropChainFoldsForTheTraceLength(string file, long traceLength)
    {
        OnnxGraph g = OnnxImporter.Import(OnnxFixtures.PathOf(file), traceLength);
        OnnxNode slice = g.Nodes.Single(n => n.OpType == "Slice");
        long upLength = g.Shapes[slice.Inputs[0]][2];
        Assert.Equal((traceLength / 2 * 2) + 2, upLength); // ConvTranspose k=4 s=2 of the strided conv's output
        Assert.Equal(new long[] { upLength - 2 }, g.Constants[slice.Inputs[2]].Ints); // ends = shape[-1] - (k - s)
        Assert.Equal(new long[] { 2 }, g.Constants[slice.Inputs[3]].Ints); // axes
        Assert.Equal(new long[] { 1, 2, upLength - 2 }, g.Shapes["y"]);
    }

    [Fact]
    public void SigmoidOfMaskParameterFoldsToOneConstant()
    {
        OnnxGraph g = OnnxImporter.Import(OnnxFixtures.PathOf("sigmoid_mask_op17.onnx"), 64);
        OnnxNode mul = g.Nodes.Single(n => n.OpType == "Mul");
        OnnxTensor mask = g.Constants[mul.Inputs[1]];
        Assert.Equal(new long[] { 1, 4, 1 }, mask.Shape);
        Assert.All(mask.Floats, v => Assert.InRange(v, 0f, 1f));
        Assert.DoesNotContain("mask", g.Constants.Keys); // the raw parameter is no longer read
    }

    [Fact]
    public void SharedOutputsKeepBothNames()
    {
        // torch writes `return y, y` as Identity(score) -> light; both names are outputs, so this
        // one Identity must stay (it is the only case an Identity survives import).
        OnnxGraph g = OnnxImporter.Import(OnnxFixtures.PathOf("shared_outputs_op13.onnx"), 64);
        Assert.Equal(["score", "light"], g.Outputs);
        Assert.Equal("Pad Conv Sigmoid Identity", string.Join(' ', g.Nodes.Select(n => n.OpType)));
        Assert.Equal(g.Shapes["score"], g.Shapes["light"]);
    }

    [Fact]
    public void ImportIsDeterministic()
    {
        string path = OnnxFixtures.PathOf("concat_squeeze_op17.onnx");
        OnnxGraph a = OnnxImporter.Import(path, 64), b = OnnxImporter.Import(path, 64);
        Assert.Equal(Describe(a), Describe(b));
    }

    /// <summary>True when inputs after the first are parameters (weights, pads, slice bounds), not data.</summary>
    private static bool IsParameterInput(OnnxNode n) => n.OpType switch
    {
        "Add" or "Mul" or "MatMul" or "Concat" => false,
        _ => true,
    };

    private static string Describe(OnnxGraph g) =>
        string.Join('\n', g.Nodes.Select(n => $"{n.Name} {n.OpType} {string.Join(',', n.Inputs)} {string.Join(',', n.Outputs)}"))
        + string.Join('\n', g.Constants.Select(c => $"{c.Key} {string.Join(',', c.Value.Shape)} {string.Join(',', c.Value.Floats)} {string.Join(',', c.Value.Ints)}"))
        + string.Join('\n', g.Shapes.Select(s => $"{s.Key} {string.Join(',', s.Value)}"));

    private static Dictionary<string, long[]> RunOnnxRuntime(string path, long traceLength)
    {
        using var session = new InferenceSession(path);
        var input = new DenseTensor<float>(new[] { 1, 1, (int)traceLength });
        for (int i = 0; i < traceLength; i++)
        {
            input[0, 0, i] = MathF.Sin(i * 0.1f);
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor("audio", input)]);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().Dimensions.ToArray().Select(d => (long)d).ToArray());
    }
}
