using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Onnx;
using Dsl.Compiler.Tests.Onnx;
using B = Dsl.Compiler.Tests.Onnx.OnnxModelBuilder;

namespace Dsl.Compiler.Tests.Ops;

/// <summary>
/// One graph per supported op, built in the test: it must import, lower to the expected streamed
/// node, and the float streaming reference must match onnxruntime (OnnxRuntimeComparison.Tolerance).
/// </summary>
public sealed class OpCoverageTests
{
    private static IrGraph Check(OpGraph g)
    {
        (IrGraph graph, double error) = g.CompareWithOnnxRuntime();
        Assert.True(error < Dsl.Cli.Checks.OnnxRuntimeComparison.Tolerance, $"float reference vs onnxruntime: {error:E2}");
        return graph;
    }

    private static void AddConv(OpGraph g, string input, string output, int cin, int cout, int k, params OnnxAttribute[] attrs)
    {
        int groups = (int)(attrs.FirstOrDefault(a => a.Name == "group")?.Int ?? 1);
        g.Builder.AddInitializer(output + "_w", OpGraph.Random(cout * (cin / groups) * k), cout, cin / groups, k);
        g.Builder.AddInitializer(output + "_b", OpGraph.Random(cout), cout);
        g.Builder.AddNode("Conv", new[] { input, output + "_w", output + "_b" }, new[] { output }, attrs);
    }

    [Fact]
    public void Conv_with_stride_dilation_groups_and_pads_attribute()
    {
        var g = new OpGraph();
        AddConv(g, "x", "d", 4, 4, 3, B.Ints("dilations", 2), B.Ints("pads", 4, 0), B.Int("group", 2));
        AddConv(g, "d", "y", 4, 6, 4, B.Ints("strides", 2), B.Ints("pads", 2, 0));
        IrGraph graph = Check(g);
        Assert.Contains(graph.Nodes, n => n is ConvNode { Dilation: 2, Groups: 2, PadLeft: 4 });
        Assert.Contains(graph.Nodes, n => n is ConvNode { Stride: 2 });
    }

    [Fact]
    public void ConvTranspose_with_trailing_crop_by_slice()
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("up_w", OpGraph.Random(4 * 3 * 4), 4, 3, 4);
        g.Builder.AddInitializer("up_b", OpGraph.Random(3), 3);
        g.Builder.AddNode("ConvTranspose", new[] { "x", "up_w", "up_b" }, new[] { "full" }, B.Ints("strides", 2));
        g.Builder.AddInitializer("s", new long[] { 0 }, 1);
        g.Builder.AddInitializer("e", new long[] { -2 }, 1);
        g.Builder.AddInitializer("ax", new long[] { 2 }, 1);
        g.Builder.AddNode("Slice", new[] { "full", "s", "e", "ax" }, new[] { "y" });
        Assert.Contains(Check(g).Nodes, n => n is ConvTransposeNode { Stride: 2, TrimEnd: 2 });
    }

    /// <summary>nn.Conv1d(padding=p) then y[..., :-n]: the crop removes exactly the outputs that read end padding.</summary>
    [Theory]
    [InlineData(3, 1, 2, 4, 4)] // k 3, dilation 2: pads 4 at both ends, crop 4
    [InlineData(4, 2, 1, 2, 1)] // k 4, stride 2: pads 2 at both ends add one output, crop 1
    public void Conv_padded_at_both_ends_then_cropped_on_the_right_is_causal(int k, int stride, int dilation, int pad, int crop)
    {
        var g = new OpGraph();
        AddConv(g, "x", "full", 4, 3, k, B.Ints("pads", pad, pad), B.Ints("strides", stride), B.Ints("dilations", dilation));
        AddRightCrop(g, "full", "y", crop);
        IrGraph graph = Check(g);
        Assert.Contains(graph.Nodes, n => n is ConvNode { PadLeft: var left, TrailingOutputs: 0 } && left == pad && n.Output == "y");
        Assert.DoesNotContain(graph.Nodes, n => n is CropNode);
    }

    [Theory]
    [InlineData(0)] // no crop
    [InlineData(1)] // crops less than the padding added
    [InlineData(3)] // crops real outputs too
    public void Conv_padded_at_the_end_without_the_matching_crop_is_refused(int crop)
    {
        var g = new OpGraph();
        AddConv(g, "x", crop == 0 ? "y" : "full", 4, 3, 3, B.Ints("pads", 2, 2));
        if (crop > 0)
        {
            AddRightCrop(g, "full", "y", crop);
        }

        string dir = Directory.CreateTempSubdirectory("dslc-op-").FullName;
        try
        {
            var e = Assert.Throws<DslException>(() => g.Lower(dir));
            Assert.Equal(DslErrorCode.Model, e.Code);
            Assert.Contains("(Conv) pads the end of time: its last 2 output(s) read future input", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AddRightCrop(OpGraph g, string input, string output, int crop)
    {
        g.Builder.AddInitializer(output + "_s", new long[] { 0 }, 1);
        g.Builder.AddInitializer(output + "_e", new long[] { -crop }, 1);
        g.Builder.AddInitializer(output + "_ax", new long[] { 2 }, 1);
        g.Builder.AddNode("Slice", new[] { input, output + "_s", output + "_e", output + "_ax" }, new[] { output });
    }

    [Fact]
    public void ConvTranspose_with_pads_and_output_padding()
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("up_w", OpGraph.Random(4 * 2 * 5), 4, 2, 5);
        g.Builder.AddNode("ConvTranspose", new[] { "x", "up_w" }, new[] { "y" },
            B.Ints("strides", 2), B.Ints("pads", 0, 4), B.Ints("output_padding", 1));
        Assert.Contains(Check(g).Nodes, n => n is ConvTransposeNode { TrimEnd: 3 });
    }

    [Theory]
    [InlineData("Elu", ActivationKind.Elu)]
    [InlineData("Relu", ActivationKind.Relu)]
    [InlineData("LeakyRelu", ActivationKind.LeakyRelu)]
    [InlineData("Tanh", ActivationKind.Tanh)]
    [InlineData("Sigmoid", ActivationKind.Sigmoid)]
    public void Activations_fuse_into_the_producing_conv(string op, ActivationKind kind)
    {
        var g = new OpGraph();
        g.Builder.AddNode(op, new[] { "x" }, new[] { "y" }, op == "LeakyRelu" ? new[] { B.Float("alpha", 0.2f) } : Array.Empty<OnnxAttribute>());
        Assert.Contains(Check(g).Nodes, n => n is ConvNode c && c.Activation.Kind == kind);
    }

    [Fact]
    public void PRelu_with_one_slope_is_a_LeakyRelu_fused_into_the_conv()
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("slope", new[] { 0.3f }, 1);
        g.Builder.AddNode("PRelu", new[] { "x", "slope" }, new[] { "y" });
        Assert.Contains(Check(g).Nodes, n => n is ConvNode { Activation: { Kind: ActivationKind.LeakyRelu, Alpha: 0.3f } });
    }

    /// <summary>y = a x + (1 - a) relu(x) per channel: checked against the float model by Check.</summary>
    [Fact]
    public void PRelu_with_a_slope_per_channel_is_a_relu_two_multiplies_and_an_add()
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("slope", new[] { 0.1f, -0.2f, 0.3f, 0.4f }, 4, 1);
        g.Builder.AddNamedNode("act", "PRelu", new[] { "x", "slope" }, new[] { "y" });
        IrGraph graph = Check(g);
        Assert.Contains(graph.Nodes, n => n is ActivationNode { Name: "act/relu", Activation.Kind: ActivationKind.Relu });
        Assert.Contains(graph.Nodes, n => n is ElementwiseNode { Name: "act", Op: ElementwiseOp.Add });
    }

    /// <summary>After a conv the batch norm folds into it; after anything else it stays a per-channel multiply and add.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchNormalization_in_inference_form(bool afterActivation)
    {
        var g = new OpGraph();
        string input = "x";
        if (afterActivation)
        {
            g.Builder.AddNode("Relu", new[] { "x" }, new[] { "r" });
            input = "r";
        }

        g.Builder.AddInitializer("bn_scale", OpGraph.Random(4).Select(v => v + 1f).ToArray(), 4);
        g.Builder.AddInitializer("bn_bias", OpGraph.Random(4), 4);
        g.Builder.AddInitializer("bn_mean", OpGraph.Random(4), 4);
        g.Builder.AddInitializer("bn_var", OpGraph.Random(4).Select(v => v + 1f).ToArray(), 4);
        g.Builder.AddNode("BatchNormalization", new[] { input, "bn_scale", "bn_bias", "bn_mean", "bn_var" }, new[] { "y" }, B.Float("epsilon", 1e-3f));
        IrGraph graph = Check(g);
        Assert.Equal(afterActivation ? 2 : 0, graph.Nodes.Count(n => n is ElementwiseNode { Constant: not null }));
    }

    [Fact]
    public void Add_and_Mul_of_two_streamed_tensors_and_of_constants()
    {
        var g = new OpGraph();
        g.Builder.AddNode("Relu", new[] { "x" }, new[] { "r" });
        g.Builder.AddNode("Tanh", new[] { "x" }, new[] { "t" });
        g.Builder.AddNode("Add", new[] { "r", "t" }, new[] { "sum" });
        g.Builder.AddNode("Mul", new[] { "sum", "t" }, new[] { "prod" });
        g.Builder.AddInitializer("scale", OpGraph.Random(4), 1, 4, 1);
        g.Builder.AddNode("Mul", new[] { "prod", "scale" }, new[] { "scaled" });
        g.Builder.AddInitializer("shift", new[] { 0.25f }, Array.Empty<long>());
        g.Builder.AddNode("Add", new[] { "scaled", "shift" }, new[] { "y" });
        IrGraph graph = Check(g);
        Assert.Contains(graph.Nodes, n => n is ElementwiseNode { Op: ElementwiseOp.Add, Constant: null });
        Assert.Contains(graph.Nodes, n => n is ElementwiseNode { Op: ElementwiseOp.Mul, Constant: not null });
    }

    [Fact]
    public void MatMul_over_channels_becomes_a_pointwise_conv_and_its_bias_folds()
    {
        var g = new OpGraph();
        g.Builder.AddNode("Transpose", new[] { "x" }, new[] { "tc" }, B.Ints("perm", 0, 2, 1));
        g.Builder.AddInitializer("w", OpGraph.Random(4 * 5), 4, 5);
        g.Builder.AddNode("MatMul", new[] { "tc", "w" }, new[] { "mm" });
        g.Builder.AddInitializer("b", OpGraph.Random(5), 5);
        g.Builder.AddNode("Add", new[] { "mm", "b" }, new[] { "lin" });
        g.Builder.AddNode("Transpose", new[] { "lin" }, new[] { "y" }, B.Ints("perm", 0, 2, 1));
        IrGraph graph = Check(g);
        Assert.DoesNotContain(graph.Nodes, n => n is ElementwiseNode);
        Assert.Contains(graph.Nodes, n => n is ConvNode { KernelSize: 1, OutChannels: 5 });
    }

    [Fact]
    public void Gemm_on_time_by_channel_rows()
    {
        var g = new OpGraph();
        g.Builder.AddNode("Transpose", new[] { "x" }, new[] { "tc" }, B.Ints("perm", 0, 2, 1));
        g.Builder.AddInitializer("rows", new long[] { OpGraph.Frame * OpGraph.Frames, 4 }, 2);
        g.Builder.AddNode("Reshape", new[] { "tc", "rows" }, new[] { "flat" });
        g.Builder.AddInitializer("w", OpGraph.Random(3 * 4), 3, 4);
        g.Builder.AddInitializer("b", OpGraph.Random(3), 3);
        g.Builder.AddNode("Gemm", new[] { "flat", "w", "b" }, new[] { "gemm" }, B.Int("transB", 1), B.Float("alpha", 0.5f));
        g.Builder.AddInitializer("back", new long[] { 1, OpGraph.Frame * OpGraph.Frames, 3 }, 3);
        g.Builder.AddNode("Reshape", new[] { "gemm", "back" }, new[] { "tc3" });
        g.Builder.AddNode("Transpose", new[] { "tc3" }, new[] { "y" }, B.Ints("perm", 0, 2, 1));
        Assert.Contains(Check(g).Nodes, n => n is ConvNode { KernelSize: 1, OutChannels: 3 });
    }

    [Fact]
    public void Concat_channel_slice_identity_and_constant_weights()
    {
        var g = new OpGraph();
        g.Builder.AddNode("Constant", Array.Empty<string>(), new[] { "cw" },
            B.TensorAttribute("value", B.FloatTensor(OpGraph.Random(2 * 4), 2, 4, 1)));
        g.Builder.AddNode("Conv", new[] { "x", "cw" }, new[] { "two" });
        g.Builder.AddNode("Identity", new[] { "two" }, new[] { "same" });
        g.Builder.AddInitializer("s", new long[] { 1 }, 1);
        g.Builder.AddInitializer("e", new long[] { 3 }, 1);
        g.Builder.AddInitializer("ax", new long[] { 1 }, 1);
        g.Builder.AddNode("Slice", new[] { "x", "s", "e", "ax" }, new[] { "mid" });
        g.Builder.AddNode("Concat", new[] { "same", "mid", "x" }, new[] { "y" }, B.Int("axis", 1));
        IrGraph graph = Check(g);
        Assert.Contains(graph.Nodes, n => n is ConcatNode);
        Assert.Contains(graph.Nodes, n => n is ChannelSliceNode { Start: 1, Count: 2 });
    }

    [Fact]
    public void Reshape_that_keeps_the_layout_is_an_alias()
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("shape", new long[] { 1, 4, -1 }, 3);
        g.Builder.AddNode("Reshape", new[] { "x", "shape" }, new[] { "y" });
        Assert.Single(Check(g).Nodes);
    }

    [Fact]
    public void Unsupported_op_is_a_located_error()
    {
        var g = new OpGraph();
        g.Builder.AddNode("Softmax", new[] { "x" }, new[] { "y" });
        var e = Assert.Throws<DslException>(() => g.CompareWithOnnxRuntime());
        Assert.Equal(DslErrorCode.Model, e.Code);
        Assert.Contains("Softmax", e.Message);
        Assert.Contains("opset 13", e.Message);
    }

    [Fact]
    public void Non_causal_padding_is_refused_with_the_node()
    {
        var g = new OpGraph();
        AddConv(g, "x", "y", 4, 4, 3, B.Ints("pads", 1, 1));
        var e = Assert.Throws<DslException>(() => g.CompareWithOnnxRuntime());
        Assert.Contains("causal", e.Message);
        Assert.Contains("y", e.Message);
    }
}
