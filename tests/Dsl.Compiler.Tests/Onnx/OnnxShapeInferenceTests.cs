using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Onnx;
using static Dsl.Compiler.Tests.Onnx.OnnxModelBuilder;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>Shape inference of every compute op on audio data, and its located errors.</summary>
public sealed class OnnxShapeInferenceTests
{
    [Theory]
    // channels in/out, kernel, stride, dilation, pad begin/end, group, T → expected length
    [InlineData(1, 4, 3, 1, 1, 0, 0, 1, 16, 14)]
    [InlineData(1, 4, 3, 1, 1, 2, 0, 1, 16, 16)]   // causal: left pad k-1
    [InlineData(1, 8, 4, 2, 1, 2, 0, 1, 64, 32)]   // strided
    [InlineData(1, 8, 4, 2, 1, 2, 0, 1, 65, 32)]   // odd length rounds down
    [InlineData(2, 4, 3, 1, 4, 8, 0, 1, 16, 16)]   // dilated, causal pad d*(k-1)
    [InlineData(4, 4, 5, 1, 1, 4, 0, 4, 10, 10)]   // depthwise
    [InlineData(4, 6, 1, 1, 1, 0, 0, 2, 10, 10)]   // grouped pointwise
    [InlineData(1, 2, 3, 3, 1, 1, 1, 1, 10, 4)]    // symmetric pads and stride
    public void ConvOutputLength(long cin, long cout, long k, long s, long d, long pb, long pe, long group, long t, long expected)
    {
        OnnxGraph g = ChannelsThenOp(cin, b => b
            .AddInitializer("w", new float[cout * (cin / group) * k], cout, cin / group, k)
            .AddInitializer("bias", new float[cout], cout)
            .AddNode("Conv", ["h", "w", "bias"], ["y"],
                Ints("strides", s), Ints("dilations", d), Ints("pads", pb, pe), Int("group", group), Ints("kernel_shape", k)))
            .ImportChecked(t);
        Assert.Equal(new long[] { 1, cout, expected }, g.Shapes["y"]);
    }

    [Theory]
    // channels in/out, kernel, stride, dilation, pad begin/end, output_padding, group, T → expected
    [InlineData(4, 2, 4, 2, 1, 0, 0, 0, 1, 32, 66)]
    [InlineData(4, 2, 4, 2, 1, 1, 1, 0, 1, 32, 64)]
    [InlineData(4, 2, 4, 2, 1, 1, 1, 1, 1, 32, 65)]
    [InlineData(4, 4, 3, 1, 2, 0, 0, 0, 2, 10, 14)]
    [InlineData(2, 3, 5, 4, 1, 0, 1, 3, 1, 8, 35)]
    public void ConvTransposeOutputLength(long cin, long cout, long k, long s, long d, long pb, long pe, long op, long group, long t, long expected)
    {
        OnnxGraph g = ChannelsThenOp(cin, b => b
            .AddInitializer("w", new float[cin * (cout / group) * k], cin, cout / group, k)
            .AddNode("ConvTranspose", ["h", "w"], ["y"],
                Ints("strides", s), Ints("dilations", d), Ints("pads", pb, pe), Ints("output_padding", op), Int("group", group)))
            .ImportChecked(t);
        Assert.Equal(new long[] { 1, cout, expected }, g.Shapes["y"]);
    }

    [Theory]
    [InlineData("auto_pad", "SAME_UPPER")]
    [InlineData("kernel_shape", "5")]
    [InlineData("group", "2")]
    [InlineData("pads", "1")]
    public void ConvAttributeErrorsAreLocated(string attribute, string value)
    {
        OnnxAttribute a = attribute switch
        {
            "auto_pad" => Text(attribute, value),
            "group" => Int(attribute, long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => Ints(attribute, long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
        var b = new OnnxModelBuilder(14).AddInput("x").AddInitializer("w", new float[3], 1, 1, 3)
            .AddNamedNode("/enc/Conv", "Conv", ["x", "w"], ["y"], a).AddOutput("y");
        var e = Assert.Throws<DslException>(() => b.Import(16));
        Assert.Contains("node '/enc/Conv' (Conv, opset 14)", e.Message);
        Assert.Contains(attribute == "kernel_shape" ? "kernel_shape" : attribute == "group" ? "group" : attribute, e.Message);
    }

    [Fact]
    public void ConvOnTooShortTraceSaysUseLongerTrace()
    {
        var b = new OnnxModelBuilder().AddInput("x").AddInitializer("w", new float[9], 1, 1, 9)
            .AddNode("Conv", ["x", "w"], ["y"]).AddOutput("y");
        Assert.Contains("longer trace", Assert.Throws<DslException>(() => b.Import(4)).Message);
    }

    [Fact]
    public void ConvWeightsMustBeConstant()
    {
        var b = new OnnxModelBuilder().AddInput("x").AddNode("Relu", ["x"], ["w"])
            .AddNamedNode("c", "Conv", ["x", "w"], ["y"]).AddOutput("y");
        Assert.Contains("input 1 (weights, 'w') must be a constant", Assert.Throws<DslException>(() => b.Import(4)).Message);
    }

    [Fact]
    public void ActivationsKeepShape()
    {
        OnnxGraph g = ChannelsThenOp(3, b => b
            .AddNode("Elu", ["h"], ["a"], Float("alpha", 1f))
            .AddNode("LeakyRelu", ["a"], ["b"], Float("alpha", 0.2f))
            .AddNode("Tanh", ["b"], ["c"])
            .AddNode("Sigmoid", ["c"], ["d"])
            .AddNode("Relu", ["d"], ["y"]))
            .ImportChecked(11);
        Assert.Equal("Conv Elu LeakyRelu Tanh Sigmoid Relu", string.Join(' ', g.Nodes.Select(n => n.OpType)));
        Assert.All(new[] { "a", "b", "c", "d", "y" }, v => Assert.Equal(new long[] { 1, 3, 11 }, g.Shapes[v]));
    }

    [Theory]
    [InlineData(new long[] { 4, 1 }, new long[] { 1, 4, 10 })]
    [InlineData(new long[] { 1 }, new long[] { 1, 4, 10 })]
    [InlineData(new long[0], new long[] { 1, 4, 10 })]
    [InlineData(new long[] { 2, 1, 1, 1 }, new long[] { 2, 1, 4, 10 })]
    public void AddAndMulBroadcast(long[] constantShape, long[] expected)
    {
        long n = constantShape.Aggregate(1L, (a, d) => a * d);
        OnnxGraph g = ChannelsThenOp(4, b => b
            .AddInitializer("k", new float[n], constantShape)
            .AddNode("Add", ["k", "h"], ["s"])
            .AddNode("Mul", ["s", "h"], ["y"]))
            .ImportChecked(10);
        Assert.Equal(expected, g.Shapes["s"]);
        Assert.Equal(expected, g.Shapes["y"]);
    }

    [Fact]
    public void IncompatibleBroadcastIsLocated()
    {
        var b = ChannelsThenOp(4, x => x.AddInitializer("k", new float[3], 3, 1).AddNamedNode("add", "Add", ["h", "k"], ["y"]));
        var e = Assert.Throws<DslException>(() => b.Import(10));
        Assert.Contains("node 'add' (Add, opset 17): input shapes [1, 4, 10] and [3, 1] do not broadcast", e.Message);
    }

    [Fact]
    public void LinearOverChannelsIsTransposeMatMulAdd()
    {
        OnnxGraph g = ChannelsThenOp(6, b => b
            .AddNode("Transpose", ["h"], ["t"], Ints("perm", 0, 2, 1))
            .AddInitializer("wt", new float[18], 6, 3)
            .AddNode("MatMul", ["t", "wt"], ["m"])
            .AddInitializer("bias", new float[3], 3)
            .AddNode("Add", ["bias", "m"], ["a"])
            .AddNode("Transpose", ["a"], ["y"], Ints("perm", 0, 2, 1)))
            .ImportChecked(20);
        Assert.Equal(new long[] { 1, 20, 6 }, g.Shapes["t"]);
        Assert.Equal(new long[] { 1, 20, 3 }, g.Shapes["m"]);
        Assert.Equal(new long[] { 1, 3, 20 }, g.Shapes["y"]);
    }

    [Fact]
    public void MatMulOfTwoDataTensorsAndRankOneOperands()
    {
        OnnxGraph g = ChannelsThenOp(5, b => b
            .AddNode("Transpose", ["h"], ["t"], Ints("perm", 0, 2, 1))     // [1, T, 5]
            .AddNode("MatMul", ["h", "t"], ["gram"])                       // [1, 5, 5]
            .AddInitializer("v", new float[5], 5)
            .AddNode("MatMul", ["gram", "v"], ["y"]))                      // [1, 5]
            .ImportChecked(7);
        Assert.Equal(new long[] { 1, 5, 5 }, g.Shapes["gram"]);
        Assert.Equal(new long[] { 1, 5 }, g.Shapes["y"]);
    }

    [Fact]
    public void GemmWithTransposedWeights()
    {
        OnnxGraph g = ChannelsThenOp(1, b => b
            .AddInitializer("flat", [-1L, 8L], 2)
            .AddNode("Reshape", ["h", "flat"], ["r"])                       // [T/8, 8]
            .AddInitializer("w", new float[24], 3, 8)
            .AddInitializer("bias", new float[3], 3)
            .AddNode("Gemm", ["r", "w", "bias"], ["y"], Int("transB", 1)))
            .ImportChecked(32);
        Assert.Equal(new long[] { 4, 8 }, g.Shapes["r"]);
        Assert.Equal(new long[] { 4, 3 }, g.Shapes["y"]);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 3, 0, 0, 0 }, new long[] { 1, 2, 13 })]
    [InlineData(new long[] { 0, 0, 0, 0, 0, 2 }, new long[] { 1, 2, 12 })]
    [InlineData(new long[] { 0, 1, -2, 0, 0, -1 }, new long[] { 1, 3, 7 })]  // negative pads crop
    public void PadOutputShape(long[] pads, long[] expected)
    {
        OnnxGraph g = ChannelsThenOp(2, b => b.AddInitializer("p", pads, 6).AddNode("Pad", ["h", "p", ""], ["y"])).ImportChecked(10);
        Assert.Equal(expected, g.Shapes["y"]);
        Assert.Equal(2, g.Nodes[1].Inputs.Count);
    }

    [Theory]
    [InlineData(0, long.MaxValue, 2, 1, new long[] { 1, 3, 10 })]                // torch's "to the end"
    [InlineData(-4, long.MaxValue, -1, 1, new long[] { 1, 3, 4 })]              // last 4 samples
    [InlineData(0, -3, 2, 1, new long[] { 1, 3, 7 })]                           // right crop by 3
    [InlineData(1, 2, 1, 1, new long[] { 1, 1, 10 })]                           // one channel
    [InlineData(-1, long.MinValue, -1, -1, new long[] { 1, 3, 10 })]            // reversed
    [InlineData(0, 100, 2, 3, new long[] { 1, 3, 4 })]                          // stride 3
    [InlineData(5, 2, 2, 1, new long[] { 1, 3, 0 })]                            // empty
    public void SliceOutputShape(long start, long end, long axis, long step, long[] expected)
    {
        OnnxGraph g = ChannelsThenOp(3, b => b
            .AddInitializer("s", [start], 1).AddInitializer("e", [end], 1).AddInitializer("a", [axis], 1).AddInitializer("st", [step], 1)
            .AddNode("Slice", ["h", "s", "e", "a", "st"], ["y"]))
            .ImportChecked(10);
        Assert.Equal(expected, g.Shapes["y"]);
    }

    [Fact]
    public void SliceWithoutAxesAndSteps()
    {
        OnnxGraph g = ChannelsThenOp(3, b => b
            .AddInitializer("s", [0L, 1L, 2L], 3).AddInitializer("e", [1L, 3L, -2L], 3)
            .AddNode("Slice", ["h", "s", "e"], ["y"]))
            .ImportChecked(10);
        Assert.Equal(new long[] { 1, 2, 6 }, g.Shapes["y"]);
    }

    [Fact]
    public void ReshapeConcatSqueezeUnsqueezeTranspose()
    {
        OnnxGraph g = ChannelsThenOp(4, b => b
            .AddInitializer("shape", [0L, 2L, -1L], 3)
            .AddNode("Reshape", ["h", "shape"], ["r"])                   // [1, 2, 2T]
            .AddNode("Concat", ["r", "r", "r"], ["c"], Int("axis", -2))    // [1, 6, 2T]
            .AddInitializer("ax0", [0L], 1)
            .AddNode("Squeeze", ["c", "ax0"], ["s"])                     // [6, 2T]
            .AddNode("Unsqueeze", ["s", "ax0"], ["u"])                   // [1, 6, 2T]
            .AddNode("Squeeze", ["u"], ["s2"])                            // all ones: [6, 2T]
            .AddNode("Transpose", ["s2"], ["y"]))                         // default perm reverses
            .ImportChecked(5);
        Assert.Equal(new long[] { 1, 2, 10 }, g.Shapes["r"]);
        Assert.Equal(new long[] { 1, 6, 10 }, g.Shapes["c"]);
        Assert.Equal(new long[] { 6, 10 }, g.Shapes["s"]);
        Assert.Equal(new long[] { 1, 6, 10 }, g.Shapes["u"]);
        Assert.Equal(new long[] { 10, 6 }, g.Shapes["y"]);
    }

    [Fact]
    public void ShapeErrorsAreLocated()
    {
        static string Fail(Func<OnnxModelBuilder, OnnxModelBuilder> op) =>
            Assert.Throws<DslException>(() => ChannelsThenOp(4, op).Import(10)).Message;

        Assert.Contains("cannot reshape [1, 4, 10]", Fail(b => b.AddInitializer("s", [3L, -1L], 2).AddNode("Reshape", ["h", "s"], ["y"])));
        Assert.Contains("does not match", Fail(b => b.AddInitializer("s", [1L], 1).AddInitializer("e", [2L], 1).AddInitializer("a", [1L], 1)
            .AddNode("Slice", ["h", "s", "e", "a"], ["half"]).AddNode("Concat", ["h", "half"], ["y"], Int("axis", 2))));
        Assert.Contains("perm [0, 1] is not a permutation of 3 axes", Fail(b => b.AddNode("Transpose", ["h"], ["y"], Ints("perm", 0, 1))));
        Assert.Contains("cannot squeeze axis 1", Fail(b => b.AddInitializer("a", [1L], 1).AddNode("Squeeze", ["h", "a"], ["y"])));
        Assert.Contains("pads has 2 values", Fail(b => b.AddInitializer("p", [1L, 1L], 2).AddNode("Pad", ["h", "p"], ["y"])));
        Assert.Contains("axis 5 is out of range", Fail(b => b.AddNode("Concat", ["h", "h"], ["y"], Int("axis", 5))));
    }

    /// <summary>x → pointwise Conv to <paramref name="channels"/> channels named "h", then the ops under test, output "y".</summary>
    private static OnnxModelBuilder ChannelsThenOp(long channels, Func<OnnxModelBuilder, OnnxModelBuilder> op) =>
        op(new OnnxModelBuilder()
            .AddInput("x")
            .AddInitializer("w_in", new float[channels], channels, 1, 1)
            .AddNode("Conv", ["x", "w_in"], ["h"]))
        .AddOutput("y");
}
