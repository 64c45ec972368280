using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Onnx;
using static Dsl.Compiler.Tests.Onnx.OnnxModelBuilder;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>Constant folding of torch's shape arithmetic, Identity removal and the unsupported-op errors.</summary>
public sealed class OnnxFoldingTests
{
    /// <summary>
    /// Exactly what torch 1.13 writes for F.pad(x, (2, 0)) followed by a Conv1d: ConstantOfShape →
    /// Concat → Reshape → Slice(step -1) → Transpose → Reshape → Cast → Pad(x, pads, "").
    /// </summary>
    [Fact]
    public void TorchPadChainFoldsToOnePadWithConstantPads()
    {
        OnnxGraph g = new OnnxModelBuilder(13)
            .AddInput("audio")
            .AddInitializer("w", [1f, 2f, 3f], 1, 1, 3)
            .AddNamedNode("/Constant", "Constant", [], ["c0"], TensorAttribute("value", IntTensor([4], 1)))
            .AddNamedNode("/Constant_1", "Constant", [], ["c1"], TensorAttribute("value", IntTensor([2, 0], 2)))
            .AddNamedNode("/ConstantOfShape", "ConstantOfShape", ["c0"], ["zeros"], TensorAttribute("value", IntTensor([0], 1)))
            .AddNamedNode("/Concat", "Concat", ["c1", "zeros"], ["cat"], Int("axis", 0))
            .AddNamedNode("/Constant_2", "Constant", [], ["c2"], TensorAttribute("value", IntTensor([-1, 2], 2)))
            .AddNamedNode("/Reshape", "Reshape", ["cat", "c2"], ["pairs"])
            .AddNamedNode("/Constant_3", "Constant", [], ["axes"], TensorAttribute("value", IntTensor([0], 1)))
            .AddNamedNode("/Constant_4", "Constant", [], ["starts"], TensorAttribute("value", IntTensor([-1], 1)))
            .AddNamedNode("/Constant_5", "Constant", [], ["ends"], TensorAttribute("value", IntTensor([long.MinValue + 1], 1)))
            .AddNamedNode("/Constant_6", "Constant", [], ["steps"], TensorAttribute("value", IntTensor([-1], 1)))
            .AddNamedNode("/Slice", "Slice", ["pairs", "starts", "ends", "axes", "steps"], ["flipped"])
            .AddNamedNode("/Transpose", "Transpose", ["flipped"], ["t"], Ints("perm", 1, 0))
            .AddNamedNode("/Constant_7", "Constant", [], ["flat"], TensorAttribute("value", IntTensor([-1], 1)))
            .AddNamedNode("/Reshape_1", "Reshape", ["t", "flat"], ["pads64"])
            .AddNamedNode("/Cast", "Cast", ["pads64"], ["pads"], Int("to", 7))
            .AddNamedNode("/Pad", "Pad", ["audio", "pads", ""], ["padded"], Text("mode", "constant"))
            .AddNamedNode("/conv/Conv", "Conv", ["padded", "w"], ["y"], Ints("kernel_shape", 3))
            .AddOutput("y")
            .Import(50);

        Assert.Equal(["/Pad", "/conv/Conv"], g.Nodes.Select(n => n.Name));
        OnnxNode pad = g.Nodes[0];
        Assert.Equal(["audio", "pads"], pad.Inputs);
        Assert.Equal(new long[] { 0, 0, 2, 0, 0, 0 }, g.Constants["pads"].Ints);
        Assert.Equal(OnnxElementType.Int64, g.Constants["pads"].ElementType);
        Assert.Equal(new long[] { 1, 1, 52 }, g.Shapes["padded"]);
        Assert.Equal(new long[] { 1, 1, 50 }, g.Shapes["y"]);
        Assert.Equal(["pads", "w"], g.Constants.Keys); // only what compute nodes read, in order of first use
    }

    /// <summary>torch's y[..., :y.shape[-1] - 3]: Shape → Gather → Sub → Unsqueeze → Slice, folded for the trace length.</summary>
    [Theory]
    [InlineData(20)]
    [InlineData(1000)]
    public void TorchCropChainFoldsToConstantEnds(long traceLength)
    {
        OnnxGraph g = new OnnxModelBuilder(13)
            .AddInput("audio")
            .AddNamedNode("relu", "Relu", ["audio"], ["h"])
            .AddNamedNode("/Shape", "Shape", ["h"], ["shape"])
            .AddNamedNode("/Constant_8", "Constant", [], ["last"], TensorAttribute("value", IntTensor([2])))
            .AddNamedNode("/Gather", "Gather", ["shape", "last"], ["len"], Int("axis", 0))
            .AddNamedNode("/Constant_9", "Constant", [], ["k"], TensorAttribute("value", IntTensor([3])))
            .AddNamedNode("/Sub", "Sub", ["len", "k"], ["end"])
            .AddNamedNode("/Constant_11", "Constant", [], ["ax0"], TensorAttribute("value", IntTensor([0], 1)))
            .AddNamedNode("/Unsqueeze", "Unsqueeze", ["end", "ax0"], ["ends"])
            .AddInitializer("starts", [0L], 1)
            .AddInitializer("axes", [2L], 1)
            .AddInitializer("steps", [1L], 1)
            .AddNamedNode("/Slice_1", "Slice", ["h", "starts", "ends", "axes", "steps"], ["y"])
            .AddOutput("y")
            .Import(traceLength);

        Assert.Equal(["relu", "/Slice_1"], g.Nodes.Select(n => n.Name));
        Assert.Equal(new long[] { traceLength - 3 }, g.Constants["ends"].Ints);
        Assert.Equal(new long[] { 1 }, g.Constants["ends"].Shape);
        Assert.Equal(new long[] { 1, 1, traceLength - 3 }, g.Shapes["y"]);
        Assert.DoesNotContain(g.Nodes, n => n.OpType is "Shape" or "Gather" or "Sub" or "Unsqueeze");
    }

    [Fact]
    public void FloatOpsOnInitializersFold()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddInitializer("mask", [0f, 2f, -2f], 1, 3, 1)
            .AddInitializer("gain", [2f])
            .AddInitializer("w", [1f, 1f, 1f], 3, 1, 1)
            .AddNode("Sigmoid", ["mask"], ["m"])
            .AddNode("Mul", ["m", "gain"], ["m2"])
            .AddNode("Conv", ["x", "w"], ["c"])
            .AddNamedNode("apply", "Mul", ["c", "m2"], ["y"])
            .AddOutput("y")
            .Import(8);

        Assert.Equal(["Conv", "Mul"], g.Nodes.Select(n => n.OpType));
        float[] m2 = g.Constants["m2"].Floats;
        Assert.Equal(1f, m2[0], 6);
        Assert.Equal(2f / (1f + MathF.Exp(-2f)), m2[1], 6);
        Assert.Equal(2f / (1f + MathF.Exp(2f)), m2[2], 6);
        Assert.Equal(new long[] { 1, 3, 1 }, g.Constants["m2"].Shape);
        Assert.False(g.Constants.ContainsKey("mask"));
    }

    [Fact]
    public void IdentityIsRemovedInsideAndBeforeOutputs()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddInitializer("b", [0.5f], 1)
            .AddNode("Identity", ["b"], ["b2"])           // constant: folds
            .AddNode("Relu", ["x"], ["r"])
            .AddNode("Identity", ["r"], ["r2"])           // inside: consumers rewired to r
            .AddNode("Add", ["r2", "b2"], ["s"])
            .AddNode("Identity", ["s"], ["out"])          // before an output: Add renamed to write "out"
            .AddNode("Cast", ["out"], ["out2"], Int("to", 1)) // float->float cast of data: same as Identity
            .AddNode("Tanh", ["out2"], ["t"])
            .AddOutput("out")
            .AddOutput("t")
            .Import(8);

        Assert.Equal("Relu Add Tanh", string.Join(' ', g.Nodes.Select(n => n.OpType)));
        Assert.Equal(["r", "b2"], g.Nodes[1].Inputs);
        Assert.Equal(["out"], g.Nodes[1].Outputs);
        Assert.Equal(["out"], g.Nodes[2].Inputs);
        Assert.Equal(new float[] { 0.5f }, g.Constants["b2"].Floats);
        Assert.False(g.Shapes.ContainsKey("s"));
        Assert.Equal(new long[] { 1, 1, 8 }, g.Shapes["out"]);
    }

    [Fact]
    public void ConstantNodeValueKindsFold()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddNode("Relu", ["x"], ["r"])
            .AddNode("Constant", [], ["f"], Float("value_float", 1.5f))
            .AddNode("Constant", [], ["fs"], Floats("value_floats", 1f, 2f))
            .AddNode("Constant", [], ["i"], Int("value_int", 3))
            .AddNode("Constant", [], ["is"], Ints("value_ints", 4, 5, 6))
            .AddOutput("r").AddOutput("f").AddOutput("fs").AddOutput("i").AddOutput("is")
            .Import(8);

        Assert.Equal(new float[] { 1.5f }, g.Constants["f"].Floats);
        Assert.Empty(g.Constants["f"].Shape);
        Assert.Equal(new long[] { 2 }, g.Constants["fs"].Shape);
        Assert.Equal(new long[] { 3 }, g.Constants["i"].Ints);
        Assert.Equal(new long[] { 4, 5, 6 }, g.Constants["is"].Ints);
    }

    [Fact]
    public void IntegerAndLogicOpsFold()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddNode("Relu", ["x"], ["r"])
            .AddInitializer("n", [7L])
            .AddInitializer("two", [2L])
            .AddInitializer("fl", [-2.7f, 2.7f], 2)
            .AddNode("Div", ["n", "two"], ["div"])                               // 3 (truncating)
            .AddNode("Mul", ["div", "two"], ["mul"])                             // 6
            .AddNode("Range", ["two", "n", "two"], ["range"])                    // 2 4 6
            .AddNode("Equal", ["range", "mul"], ["eq"])                          // F F T
            .AddNode("Where", ["eq", "n", "range"], ["where"])                   // 2 4 7
            .AddNode("Cast", ["fl"], ["trunc"], Int("to", 7))                    // -2 2
            .AddNode("Cast", ["where"], ["asFloat"], Int("to", 1))
            .AddInitializer("big", [300L, 0L], 2)
            .AddNode("Cast", ["big"], ["wrapped"], Int("to", 3))                 // int8: 44 0
            .AddNode("Cast", ["fl"], ["flags"], Int("to", 9))                    // bool: 1 1
            .AddNode("Shape", ["r"], ["shape"], Int("start", -1))                // opset 15+: [T]
            .AddNode("Size", ["r"], ["size"])
            .AddNode("Expand", ["two", "range"], ["expanded"])                  // shape [2,4,6]
            .AddOutput("r").AddOutput("div").AddOutput("where").AddOutput("trunc").AddOutput("asFloat")
            .AddOutput("shape").AddOutput("size").AddOutput("expanded").AddOutput("wrapped").AddOutput("flags")
            .Import(9);

        Assert.Equal(new long[] { 3 }, g.Constants["div"].Ints);
        Assert.Equal(new long[] { 2, 4, 7 }, g.Constants["where"].Ints);
        Assert.Equal(new long[] { -2, 2 }, g.Constants["trunc"].Ints);
        Assert.Equal(new float[] { 2, 4, 7 }, g.Constants["asFloat"].Floats);
        Assert.Equal(new long[] { 44, 0 }, g.Constants["wrapped"].Ints);
        Assert.Equal(OnnxElementType.Int8, g.Constants["wrapped"].ElementType);
        Assert.Equal(new long[] { 1, 1 }, g.Constants["flags"].Ints);
        Assert.Equal(new long[] { 9 }, g.Constants["shape"].Ints);
        Assert.Equal(new long[] { 9 }, g.Constants["size"].Ints);
        Assert.Equal(new long[] { 2, 4, 6 }, g.Constants["expanded"].Shape);
        Assert.All(g.Constants["expanded"].Ints, v => Assert.Equal(2, v));
    }

    [Fact]
    public void MovementOpsFoldOnConstants()
    {
        float[] data = [0, 1, 2, 3, 4, 5]; // [2, 3]
        OnnxModelBuilder builder = new OnnxModelBuilder()
            .AddInput("x")
            .AddNode("Relu", ["x"], ["r"])
            .AddInitializer("d", data, 2, 3)
            .AddInitializer("s", [2L], 1).AddInitializer("e", [long.MinValue], 1).AddInitializer("a", [-1L], 1).AddInitializer("st", [-2L], 1)
            .AddNode("Slice", ["d", "s", "e", "a", "st"], ["rev"])                  // [[2,0],[5,3]]
            .AddNode("Transpose", ["d"], ["tr"])                                    // [[0,3],[1,4],[2,5]]
            .AddInitializer("p", [0L, 1L, 0L, 2L], 4)
            .AddNode("Pad", ["d", "p"], ["edge"], Text("mode", "edge"))             // [2, 6]
            .AddNode("Pad", ["d", "p"], ["refl"], Text("mode", "reflect"))
            .AddInitializer("v", [9f])
            .AddNode("Pad", ["d", "p", "v"], ["const"])
            .AddInitializer("idx", [-1L, 0L], 2)
            .AddNode("Gather", ["d", "idx"], ["gath"], Int("axis", 1))              // [[2,0],[5,3]]
            .AddNode("Concat", ["d", "d"], ["cat"], Int("axis", -1))                // [2, 6]
            .AddInitializer("shape", [3L, -1L], 2)
            .AddNode("Reshape", ["d", "shape"], ["resh"])
            .AddInitializer("ax", [0L], 1)
            .AddNode("Unsqueeze", ["d", "ax"], ["unsq"])
            .AddNode("Squeeze", ["unsq", "ax"], ["sq"])
            .AddInitializer("m", [1f, 0f, 0f, 1f, 1f, 1f], 3, 2)
            .AddNode("MatMul", ["d", "m"], ["mm"])                                  // [2,2]
            .AddNode("Gemm", ["d", "m", "v"], ["gemm"], Float("alpha", 2f))
            .AddOutput("r")
            .AddOutput("rev").AddOutput("tr").AddOutput("edge").AddOutput("refl").AddOutput("const").AddOutput("gath")
            .AddOutput("cat").AddOutput("resh").AddOutput("sq").AddOutput("mm").AddOutput("gemm");
        OnnxGraph g = builder.Import(8);
        Dictionary<string, (long[] Shape, float[] Values)> ort = OnnxRuntimeOracle.Run(builder.ToBytes(), "x", 8);

        void Check(string name, long[] shape, float[] values)
        {
            Assert.Equal(shape, g.Constants[name].Shape);
            Assert.Equal(values, g.Constants[name].Floats);
            Assert.Equal(ort[name].Shape, g.Constants[name].Shape); // and onnxruntime agrees
            Assert.Equal(ort[name].Values, g.Constants[name].Floats);
        }

        Check("rev", [2, 2], [2, 0, 5, 3]);
        Check("tr", [3, 2], [0, 3, 1, 4, 2, 5]);
        Check("edge", [2, 6], [0, 0, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5]);
        Check("refl", [2, 6], [1, 0, 1, 2, 1, 0, 4, 3, 4, 5, 4, 3]);
        Check("const", [2, 6], [9, 0, 1, 2, 9, 9, 9, 3, 4, 5, 9, 9]);
        Check("gath", [2, 2], [2, 0, 5, 3]);
        Check("cat", [2, 6], [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
        Check("resh", [3, 2], data);
        Check("sq", [2, 3], data);
        Check("mm", [2, 2], [2, 3, 8, 9]);
        Check("gemm", [2, 2], [13, 15, 25, 27]);
        Assert.Equal(["Relu"], g.Nodes.Select(n => n.OpType));
    }

    /// <summary>torch's squeeze on a dynamic axis: If(shape[d] == 1, Squeeze, Identity) folds and inlines one branch.</summary>
    [Theory]
    [InlineData(1, "Squeeze")]
    [InlineData(4, "Relu")]
    public void IfWithShapeConditionInlinesTheTakenBranch(long channels, string expectedOp)
    {
        var thenBranch = new OnnxModelBuilder()
            .AddNamedNode("/Constant_2", "Constant", [], ["local"], TensorAttribute("value", IntTensor([1], 1)))
            .AddNamedNode("/Squeeze", "Squeeze", ["h", "local"], ["squeezed"])
            .AddOutput("squeezed");
        var elseBranch = new OnnxModelBuilder()
            .AddNamedNode("/Relu", "Relu", ["h"], ["local"]) // same local name as the then branch and the outer graph
            .AddOutput("local");
        OnnxGraph g = new OnnxModelBuilder(13)
            .AddInput("x")
            .AddInitializer("w", new float[channels], channels, 1, 1)
            .AddNode("Conv", ["x", "w"], ["h"])
            .AddNode("Shape", ["h"], ["shape"])
            .AddInitializer("one", [1L])
            .AddNode("Gather", ["shape", "one"], ["c"], Int("axis", 0))
            .AddNode("Equal", ["c", "one"], ["cond"])
            .AddNode("Relu", ["x"], ["local"])
            .AddIfNode("/If", "cond", ["y"], thenBranch, elseBranch)
            .AddNode("Add", ["y", "local"], ["z"])
            .AddOutput("z")
            .Import(12);

        Assert.Equal($"Conv Relu {expectedOp} Add", string.Join(' ', g.Nodes.Select(n => n.OpType)));
        OnnxNode inlined = g.Nodes[2];
        Assert.StartsWith("/If/", inlined.Name);
        // The If's output is an Identity of the branch output, removed like any other Identity; a branch
        // value whose name clashes with an outer one is renamed under the If's name.
        Assert.Equal([channels == 1 ? "squeezed" : "/If/local"], inlined.Outputs);
        Assert.Equal([inlined.Outputs[0], "local"], g.Nodes[3].Inputs);
        Assert.Equal(channels == 1 ? new long[] { 1, 12 } : new long[] { 1, 4, 12 }, g.Shapes[inlined.Outputs[0]]);
    }

    [Fact]
    public void UnsupportedOpNamesNodeOpAndOpset()
    {
        var b = new OnnxModelBuilder(15).AddInput("x").AddNamedNode("/act/Softmax", "Softmax", ["x"], ["y"]).AddOutput("y");
        var e = Assert.Throws<DslException>(() => b.Import(8));
        Assert.Equal(DslErrorCode.Model, e.Code);
        Assert.Contains("node '/act/Softmax' (Softmax, opset 15) is not supported by dslc", e.Message);
        Assert.Contains("supported compute ops are Conv, ConvTranspose", e.Message);
        Assert.EndsWith(".onnx: node '/act/Softmax' (Softmax, opset 15) is not supported by dslc; supported compute ops are Conv, ConvTranspose, BatchNormalization, Elu, Relu, LeakyRelu, PRelu, Tanh, Sigmoid, Clip, Add, Mul, MatMul, Gemm, Pad, Slice, Transpose, Reshape, Concat, Squeeze, Unsqueeze (plus Identity, Constant and shape arithmetic on constants)", e.Message);
    }

    [Fact]
    public void FoldOnlyOpOnAudioDataIsRefused()
    {
        var b = new OnnxModelBuilder().AddInput("x").AddInitializer("one", [1f]).AddNamedNode("sub", "Sub", ["x", "one"], ["y"]).AddOutput("y");
        var e = Assert.Throws<DslException>(() => b.Import(8));
        Assert.Contains("node 'sub' (Sub, opset 17) is only supported by dslc on constants", e.Message);
    }

    [Fact]
    public void DataDependentParametersAreRefused()
    {
        // Pad amounts computed from audio values (not shapes) cannot be known at compile time.
        var b = new OnnxModelBuilder().AddInput("x")
            .AddNode("Cast", ["x"], ["xi"], Int("to", 7))
            .AddNamedNode("pad", "Pad", ["x", "xi"], ["y"]).AddOutput("y");
        var e = Assert.Throws<DslException>(() => b.Import(8));
        Assert.Contains("casting audio data", e.Message);

        var reshape = new OnnxModelBuilder().AddInput("x").AddNode("Relu", ["x"], ["r"])
            .AddNamedNode("reshape", "Reshape", ["x", "r"], ["y"]).AddOutput("y");
        var e2 = Assert.Throws<DslException>(() => reshape.Import(8));
        Assert.Contains("node 'reshape' (Reshape, opset 17): input 1 (shape, 'r') must be a constant", e2.Message);
    }

    [Fact]
    public void DeadNodesAreDroppedBeforeCheckingSupport()
    {
        OnnxGraph g = new OnnxModelBuilder().AddInput("x")
            .AddNode("Softmax", ["x"], ["unused"])
            .AddNode("Relu", ["x"], ["y"])
            .AddOutput("y").Import(8);
        Assert.Equal(["Relu"], g.Nodes.Select(n => n.OpType));
    }
}
