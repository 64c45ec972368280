using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Onnx;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Tests.Audio;
using Dsl.Compiler.Tests.Ops;
using Google.Protobuf;
using B = Dsl.Compiler.Tests.Onnx.OnnxModelBuilder;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>
/// Models that are well-formed protobuf but carry values no trained model has: each must be refused
/// at import or lowering as a model error (exit 4) naming the node, never crash a later stage or be
/// blamed on quantization.
/// </summary>
public sealed class HostileModelTests
{
    private static DslException ModelError(Action a, params string[] fragments)
    {
        var e = Assert.Throws<DslException>(a);
        Assert.Equal(DslErrorCode.Model, e.Code);
        foreach (string f in fragments)
        {
            Assert.Contains(f, e.Message);
        }

        return e;
    }

    /// <summary>Lowers an <see cref="OpGraph"/> whose op under test is a Conv "y" with these weights and bias.</summary>
    private static void LowerConv(float[] weights, float[] bias, params OnnxAttribute[] attrs)
    {
        var g = new OpGraph();
        g.Builder.AddInitializer("y_w", weights, 2, 4, weights.Length / 8);
        g.Builder.AddInitializer("y_b", bias, 2);
        g.Builder.AddNamedNode("head", "Conv", ["x", "y_w", "y_b"], ["y"], attrs);
        string dir = Directory.CreateTempSubdirectory("dslc-hostile-").FullName;
        try
        {
            g.Lower(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_sane_conv_lowers()
    {
        LowerConv(OpGraph.Random(8), OpGraph.Random(2));
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "holds Infinity")]
    [InlineData(float.NegativeInfinity, "holds -Infinity")]
    [InlineData(3e38f, "3.00000")]
    public void A_bad_weight_is_a_model_error_naming_the_initializer_node_and_value(float bad, string shown)
    {
        float[] w = OpGraph.Random(8);
        w[5] = bad;
        ModelError(() => LowerConv(w, OpGraph.Random(2)), "node 'head' (Conv)", "'y_w'", shown, "element 5");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-1e20f)]
    public void A_bad_bias_is_a_model_error_naming_the_initializer(float bad)
    {
        ModelError(() => LowerConv(OpGraph.Random(8), [0.1f, bad]), "node 'head' (Conv)", "bias 'y_b'", "element 1");
    }

    [Fact]
    public void A_huge_dilation_is_refused_at_import_naming_the_node()
    {
        // Used to import, then overflow the float engine's history buffer during calibration (exit 70).
        B b = new B()
            .AddInput("x", 1, 1, 64)
            .AddInitializer("w", [1f, 1f], 1, 1, 2)
            .AddNamedNode("dilated", "Conv", ["x", "w"], ["y"], B.Ints("dilations", 1_000_000_000), B.Ints("pads", 1_000_000_000, 0))
            .AddOutput("y");
        ModelError(() => b.Import(64), "node 'dilated'", "dilation 1000000000");
    }

    [Fact]
    public void A_huge_stride_is_refused_at_import_naming_the_node()
    {
        B b = new B()
            .AddInput("x", 1, 1, 64)
            .AddInitializer("w", [1f], 1, 1, 1)
            .AddNamedNode("strided", "Conv", ["x", "w"], ["y"], B.Ints("strides", long.MaxValue))
            .AddOutput("y");
        ModelError(() => b.Import(64), "node 'strided'", "stride");
    }

    [Fact]
    public void A_folded_constant_of_absurd_size_is_refused_before_it_is_allocated()
    {
        B b = new B()
            .AddInput("x", 1, 1, 64)
            .AddInitializer("shape", [1L << 26], 1)
            .AddNamedNode("zeros", "ConstantOfShape", ["shape"], ["z"])
            .AddNode("Add", ["x", "z"], ["y"])
            .AddOutput("y");
        long before = GC.GetAllocatedBytesForCurrentThread();
        ModelError(() => b.Import(64), "node 'zeros'", "limit");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the importer allocated the constant before refusing it");
    }

    [Fact]
    public void A_chain_of_large_folds_is_refused_once_the_files_budget_is_spent()
    {
        // Each fold is below the per-fold limit; together they would allocate hundreds of MB.
        B b = new B()
            .AddInput("x", 1, 1, 64)
            .AddInitializer("shape", [700_000L], 1)
            .AddNode("ConstantOfShape", ["shape"], ["c0"]);
        for (int i = 1; i <= 8; i++)
        {
            b.AddNamedNode($"neg{i}", "Neg", [$"c{i - 1}"], [$"c{i}"]);
        }

        b.AddNode("Add", ["x", "c8"], ["y"]).AddOutput("y");
        long before = GC.GetAllocatedBytesForCurrentThread();
        ModelError(() => b.Import(64), "node 'neg", "elements dslc folds for a file of this size");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 32 << 20, "folding allocated beyond the budget");
    }

    /// <summary>A ModelProto (opset 17) whose graph holds one initializer written by <paramref name="tensor"/>.</summary>
    private static byte[] ModelWithTensor(Action<CodedOutputStream> tensor)
    {
        byte[] Message(Action<CodedOutputStream> write)
        {
            var ms = new MemoryStream();
            var s = new CodedOutputStream(ms);
            write(s);
            s.Flush();
            return ms.ToArray();
        }

        byte[] opset = Message(s => { s.WriteTag(2, WireFormat.WireType.Varint); s.WriteInt64(17); });
        byte[] t = Message(tensor);
        byte[] graph = Message(s => { s.WriteTag(5, WireFormat.WireType.LengthDelimited); s.WriteBytes(ByteString.CopyFrom(t)); });
        return Message(s =>
        {
            s.WriteTag(8, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(opset));
            s.WriteTag(7, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(graph));
        });
    }

    public static TheoryData<string, byte[]> OversizedDeclarations() => new()
    {
        {
            "raw_data declares 2 GiB", ModelWithTensor(s =>
            {
                s.WriteTag(1, WireFormat.WireType.Varint);
                s.WriteInt64(1L << 29);
                s.WriteTag(2, WireFormat.WireType.Varint);
                s.WriteInt32(1);
                s.WriteTag(9, WireFormat.WireType.LengthDelimited);
                s.WriteLength(0x7FFFFFF0);
                s.WriteFixed64(0); // 8 bytes of the declared 2 GiB
            })
        },
        {
            "packed float_data declares 2 GiB", ModelWithTensor(s =>
            {
                s.WriteTag(4, WireFormat.WireType.LengthDelimited);
                s.WriteLength(0x7FFFFFF0);
                s.WriteFixed64(0); // 8 bytes of the declared 2 GiB
            })
        },
        {
            "dims declare 2^28 elements with no data", ModelWithTensor(s =>
            {
                s.WriteTag(1, WireFormat.WireType.Varint);
                s.WriteInt64(1L << 28);
                s.WriteTag(2, WireFormat.WireType.Varint);
                s.WriteInt32(1);
            })
        },
        {
            "dims whose product overflows", ModelWithTensor(s =>
            {
                foreach (long d in new[] { 1L << 40, 1L << 40, 0 })
                {
                    s.WriteTag(1, WireFormat.WireType.Varint);
                    s.WriteInt64(d);
                }

                s.WriteTag(2, WireFormat.WireType.Varint);
                s.WriteInt32(1);
            })
        },
    };

    [Theory]
    [MemberData(nameof(OversizedDeclarations))]
    public void A_declared_size_beyond_the_file_is_refused_without_allocating_it(string what, byte[] file)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ModelError(() => OnnxImporter.Import($"{what}.onnx", file, 64));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, $"{what}: the reader allocated for the declared size");
    }

    [Fact]
    public void A_calibration_wav_shorter_than_a_frame_is_an_audio_error_naming_the_wav()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"dslc-short-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(wav, WavFileTests.Wav([42]));
        try
        {
            var e = Assert.Throws<DslException>(() => ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions { CalibrationFiles = [wav] }));
            Assert.Equal(DslErrorCode.Audio, e.Code);
            Assert.StartsWith(wav + ": ", e.Message);
            Assert.Contains("less than one frame", e.Message);
        }
        finally
        {
            File.Delete(wav);
        }
    }
}
