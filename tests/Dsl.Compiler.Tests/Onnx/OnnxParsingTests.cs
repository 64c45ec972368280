using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Onnx;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>Protobuf parsing (raw and typed tensor data, attributes, names, opsets) and bad-file errors.</summary>
public sealed class OnnxParsingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsInitializersInRawAndTypedEncodings(bool raw)
    {
        var b = Trunk();
        b.UseRawData = raw;
        b.AddInitializer("f", [1.5f, -2f, 3.25f, 0f, 1e-7f, -0f], 2, 3)
         .AddInitializer("i64", [long.MaxValue, -1, 7], 3)
         .AddInitializer(new OnnxTensor("i32", OnnxElementType.Int32, [2], [], [int.MinValue, 5]))
         .AddInitializer(new OnnxTensor("i8", OnnxElementType.Int8, [3], [], [-128, 0, 127]))
         .AddInitializer(new OnnxTensor("u8", OnnxElementType.Uint8, [2], [], [0, 255]))
         .AddInitializer(new OnnxTensor("b", OnnxElementType.Bool, [2], [], [1, 0]))
         .AddInitializer(new OnnxTensor("d", OnnxElementType.Double, [], [0.125f], []))
         .AddInitializer("scalar", [42L]);
        foreach (string name in new[] { "f", "i64", "i32", "i8", "u8", "b", "d", "scalar" })
        {
            b.AddOutput(name);
        }

        OnnxGraph g = b.Import(16);
        Assert.Equal(new float[] { 1.5f, -2f, 3.25f, 0f, 1e-7f, -0f }, g.Constants["f"].Floats);
        Assert.Equal(new long[] { 2, 3 }, g.Constants["f"].Shape);
        Assert.Equal(6, g.Constants["f"].ElementCount);
        Assert.Empty(g.Constants["f"].Ints);
        Assert.Equal(new long[] { long.MaxValue, -1, 7 }, g.Constants["i64"].Ints);
        Assert.Equal(new long[] { int.MinValue, 5 }, g.Constants["i32"].Ints);
        Assert.Equal(new long[] { -128, 0, 127 }, g.Constants["i8"].Ints);
        Assert.Equal(new long[] { 0, 255 }, g.Constants["u8"].Ints);
        Assert.Equal(new long[] { 1, 0 }, g.Constants["b"].Ints);
        Assert.Equal(OnnxElementType.Bool, g.Constants["b"].ElementType);
        Assert.Equal(new float[] { 0.125f }, g.Constants["d"].Floats);
        Assert.Empty(g.Constants["scalar"].Shape);
        Assert.Equal(1, g.Constants["scalar"].ElementCount);
    }

    [Fact]
    public void ReadsAttributesOfEveryKind()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddInitializer("w", [1f, 2f, 3f, 4f], 2, 1, 2)
            .AddNamedNode("conv", "Conv", ["x", "w"], ["c"],
                OnnxModelBuilder.Ints("pads", 1, 0), OnnxModelBuilder.Ints("strides", 2), OnnxModelBuilder.Int("group", 1),
                OnnxModelBuilder.Text("auto_pad", "NOTSET"))
            .AddNamedNode("elu", "Elu", ["c"], ["e"], OnnxModelBuilder.Float("alpha", 0.5f))
            .AddNamedNode("k", "Constant", [], ["k"], OnnxModelBuilder.TensorAttribute("value", OnnxModelBuilder.FloatTensor([2f], 1)))
            .AddNamedNode("mul", "Mul", ["e", "k"], ["y"], OnnxModelBuilder.Floats("unused", 1f, 2f))
            .AddOutput("y")
            .Import(16);

        OnnxNode conv = g.Nodes[0];
        Assert.Equal(new long[] { 1, 0 }, conv.GetInts("pads", []));
        Assert.Equal(2, conv.GetInts("strides", [])[0]);
        Assert.Equal(1, conv.GetInt("group", 7));
        Assert.Equal(7, conv.GetInt("missing", 7));
        Assert.Equal("NOTSET", conv.Attributes["auto_pad"].Text);
        Assert.Equal(0.5f, g.Nodes[1].GetFloat("alpha", 1f));
        Assert.Equal(new float[] { 1f, 2f }, g.Nodes[2].Attributes["unused"].Floats);
        Assert.Equal(new float[] { 2f }, g.Constants["k"].Floats);
        Assert.Equal(new long[] { 1, 2, 8 }, g.Shapes["y"]);
        Assert.Equal("node 'conv' (Conv)", conv.Describe());
    }

    [Fact]
    public void UnnamedNodesGetStableSyntheticNamesAndDuplicatesAreRenamed()
    {
        OnnxGraph g = new OnnxModelBuilder()
            .AddInput("x")
            .AddNode("Relu", ["x"], ["a"])
            .AddNamedNode("dup", "Tanh", ["a"], ["b"])
            .AddNamedNode("dup", "Sigmoid", ["b"], ["c"])
            .AddNamedNode("Relu_0", "Elu", ["c"], ["y"]) // the synthetic name is taken by a real one
            .AddOutput("y")
            .Import(8);
        Assert.Equal(["Relu_0_1", "dup", "dup_2", "Relu_0"], g.Nodes.Select(n => n.Name));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void RejectsOpsetsOutsideThirteenToSeventeen(long opset)
    {
        var e = Assert.Throws<DslException>(() => Trunk(opset).AddOutput("r").Import(8));
        Assert.Equal(DslErrorCode.Model, e.Code);
        Assert.Contains($"opset {opset} is not supported", e.Message);
        Assert.Contains("opset_version", e.Message);
    }

    [Fact]
    public void AcceptsAiOnnxDomainAndIgnoresOtherImports()
    {
        var b = new OnnxModelBuilder(opset: 99); // "" domain at 99 is overridden below by ai.onnx 13
        b.AddOpset("ai.onnx", 13).AddOpset("ai.onnx.ml", 3).AddInput("x").AddNode("Relu", ["x"], ["r"]).AddOutput("r");
        Assert.Equal(13, b.Import(8).Opset);
    }

    [Fact]
    public void MissingFileIsAnIoErrorNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-dslc", "model.onnx");
        var e = Assert.Throws<DslException>(() => OnnxImporter.Import(path, 16));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0x08 })]
    [InlineData(new byte[] { 0x3a, 0x05, 0x0a })]
    public void GarbageIsAModelErrorNamingThePath(byte[] bytes)
    {
        AssertBadFile(bytes);
    }

    [Fact]
    public void EveryTruncationOfARealModelFailsCleanly()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("transposed_crop_op13.onnx"));
        for (int length = 0; length < bytes.Length; length += 19)
        {
            AssertBadFileOrGraph(bytes[..length]);
        }
    }

    [Fact]
    public void RandomBytesAndBitFlipsFailCleanly()
    {
        byte[] model = File.ReadAllBytes(OnnxFixtures.PathOf("causal_conv_op13.onnx"));
        var random = new Random(1234);
        for (int i = 0; i < 60; i++)
        {
            var junk = new byte[random.Next(1, 300)];
            random.NextBytes(junk);
            AssertBadFileOrGraph(junk);

            byte[] flipped = (byte[])model.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            AssertBadFileOrGraph(flipped);
        }
    }

    [Fact]
    public void ExternalDataIsRefusedWithAHint()
    {
        // TensorProto with name "w", dims [1], data_type float, data_location EXTERNAL (field 14 = 1).
        byte[] tensor = [0x08, 0x01, 0x10, 0x01, 0x42, 0x01, (byte)'w', 0x70, 0x01];
        byte[] graph = [0x2a, (byte)tensor.Length, .. tensor];
        byte[] model = [0x3a, (byte)graph.Length, .. graph, 0x42, 0x02, 0x10, 0x11];
        var e = AssertBadFile(model);
        Assert.Contains("initializer 'w'", e.Message);
        Assert.Contains("external", e.Message);
    }

    [Fact]
    public void Float16InitializerIsRefusedByName()
    {
        var b = Trunk();
        b.AddInitializer(new OnnxTensor("half", (OnnxElementType)10, [1], [], [0])).AddOutput("r");
        var e = Assert.Throws<DslException>(() => b.Import(8));
        Assert.Contains("initializer 'half'", e.Message);
        Assert.Contains("float16", e.Message);
    }

    [Fact]
    public void CustomDomainNodeIsRefused()
    {
        var b = new OnnxModelBuilder().AddOpset("com.microsoft", 1).AddInput("x")
            .AddDomainNode("gelu", "FastGelu", "com.microsoft", ["x"], ["y"]).AddOutput("y");
        var e = Assert.Throws<DslException>(() => b.Import(8));
        Assert.Contains("node 'gelu' (FastGelu)", e.Message);
        Assert.Contains("com.microsoft", e.Message);
    }

    [Fact]
    public void RequiresExactlyOneMonoAudioInput()
    {
        var two = new OnnxModelBuilder().AddInput("a").AddInput("b").AddNode("Add", ["a", "b"], ["y"]).AddOutput("y");
        Assert.Contains("exactly one", Assert.Throws<DslException>(() => two.Import(8)).Message);

        var stereo = new OnnxModelBuilder().AddInput("x", 1, 2, -1).AddNode("Relu", ["x"], ["y"]).AddOutput("y");
        Assert.Contains("[1, 1, T]", Assert.Throws<DslException>(() => stereo.Import(8)).Message);

        // Declared dims beyond batch and channel are ignored: the trace length wins.
        OnnxGraph g = new OnnxModelBuilder().AddInput("x", 1, 1, 64).AddNode("Relu", ["x"], ["y"]).AddOutput("y").Import(10);
        Assert.Equal(new long[] { 1, 1, 10 }, g.Shapes["y"]);
    }

    [Fact]
    public void UndefinedInputAndCycleAreLocated()
    {
        var undefined = new OnnxModelBuilder().AddInput("x").AddNamedNode("add", "Add", ["x", "ghost"], ["y"]).AddOutput("y");
        var e = Assert.Throws<DslException>(() => undefined.Import(8));
        Assert.Contains("node 'add' (Add) reads 'ghost'", e.Message);

        var cycle = new OnnxModelBuilder().AddInput("x")
            .AddNamedNode("a", "Add", ["x", "c"], ["b"]).AddNamedNode("b", "Relu", ["b"], ["c"]).AddOutput("c");
        Assert.Contains("cycle", Assert.Throws<DslException>(() => cycle.Import(8)).Message);
    }

    [Fact]
    public void NodesOutOfOrderAreSortedDeterministically()
    {
        OnnxGraph g = new OnnxModelBuilder().AddInput("x")
            .AddNamedNode("second", "Tanh", ["a"], ["y"])
            .AddNamedNode("first", "Relu", ["x"], ["a"])
            .AddOutput("y").Import(8);
        Assert.Equal(["first", "second"], g.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void NonPositiveTraceLengthIsAUsageError()
    {
        var e = Assert.Throws<DslException>(() => OnnxImporter.Import(OnnxFixtures.PathOf("causal_conv_op13.onnx"), 0));
        Assert.Equal(DslErrorCode.Usage, e.Code);
    }

    /// <summary>x → Relu → r, to which tests add initializers and outputs.</summary>
    private static OnnxModelBuilder Trunk(long opset = 17) =>
        new OnnxModelBuilder(opset).AddInput("x").AddNode("Relu", ["x"], ["r"]);

    private static DslException AssertBadFile(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslc-bad-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<DslException>(() => OnnxImporter.Import(path, 16));
            Assert.Equal(DslErrorCode.Model, e.Code);
            Assert.Contains(path, e.Message);
            return e;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Damaged bytes may still parse into some graph; whatever happens, only DslException may escape.</summary>
    private static void AssertBadFileOrGraph(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslc-bad-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            OnnxImporter.Import(path, 16);
        }
        catch (DslException e)
        {
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
