using Dsl.Compiler.Onnx;
using Google.Protobuf;

namespace Dsl.Compiler.Tests.Onnx;

/// <summary>
/// Builds small ONNX models in code for tests: inputs, initializers, nodes, outputs, then
/// <see cref="ToBytes"/>, <see cref="Save"/> or <see cref="Import"/>. Writes the protobuf by hand
/// with <see cref="CodedOutputStream"/> (field numbers of onnx.proto), independent of the importer's
/// reader, so a test checks the reader against a second implementation.
/// <example><code>
/// OnnxGraph g = new OnnxModelBuilder()
///     .AddInput("x")                                           // [1, 1, T]
///     .AddInitializer("w", new float[] { 1, 2, 3 }, 1, 1, 3)
///     .AddNode("Conv", ["x", "w"], ["y"], OnnxModelBuilder.Ints("pads", 2, 0))
///     .AddOutput("y")
///     .Import(traceLength: 16);
/// </code></example>
/// </summary>
public sealed class OnnxModelBuilder
{
    private readonly List<(string Domain, long Version)> _opsets = new();
    private readonly List<byte[]> _inputs = new();
    private readonly List<byte[]> _initializers = new();
    private readonly List<byte[]> _nodes = new();
    private readonly List<byte[]> _outputs = new();

    /// <summary>Starts a model importing the default ONNX domain at <paramref name="opset"/>.</summary>
    public OnnxModelBuilder(long opset = 17)
    {
        _opsets.Add((string.Empty, opset));
    }

    /// <summary>When true (default) initializers are written as raw_data, otherwise in the typed *_data fields.</summary>
    public bool UseRawData { get; set; } = true;

    /// <summary>Adds another opset import (e.g. a custom domain).</summary>
    public OnnxModelBuilder AddOpset(string domain, long version)
    {
        _opsets.Add((domain, version));
        return this;
    }

    /// <summary>
    /// Adds a float graph input. With no <paramref name="shape"/> it is declared [1, 1, "T"];
    /// a -1 dimension is written as the symbolic dim_param "T".
    /// </summary>
    public OnnxModelBuilder AddInput(string name, params long[] shape)
    {
        _inputs.Add(ValueInfo(name, (int)OnnxElementType.Float, shape.Length == 0 ? [1, 1, -1] : shape));
        return this;
    }

    /// <summary>Adds a float32 initializer (row-major <paramref name="values"/>; empty shape = scalar).</summary>
    public OnnxModelBuilder AddInitializer(string name, float[] values, params long[] shape) =>
        AddInitializer(FloatTensor(values, shape) with { Name = name });

    /// <summary>Adds an int64 initializer (row-major <paramref name="values"/>; empty shape = scalar).</summary>
    public OnnxModelBuilder AddInitializer(string name, long[] values, params long[] shape) =>
        AddInitializer(IntTensor(values, shape) with { Name = name });

    /// <summary>Adds any tensor as an initializer.</summary>
    public OnnxModelBuilder AddInitializer(OnnxTensor tensor)
    {
        _initializers.Add(Tensor(tensor, UseRawData));
        return this;
    }

    /// <summary>Adds an unnamed node (the importer names it "&lt;OpType&gt;_&lt;index&gt;").</summary>
    public OnnxModelBuilder AddNode(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes) =>
        AddNamedNode(string.Empty, opType, inputs, outputs, attributes);

    /// <summary>Adds a node with a name; use "" in <paramref name="inputs"/> for an absent optional input.</summary>
    public OnnxModelBuilder AddNamedNode(string name, string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes) =>
        AddDomainNode(name, opType, string.Empty, inputs, outputs, attributes);

    /// <summary>Adds a node of a given op domain (for custom-domain tests).</summary>
    public OnnxModelBuilder AddDomainNode(string name, string opType, string domain, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        _nodes.Add(Message(s =>
        {
            foreach (string i in inputs)
            {
                String(s, 1, i);
            }

            foreach (string o in outputs)
            {
                String(s, 2, o);
            }

            if (name.Length > 0)
            {
                String(s, 3, name);
            }

            String(s, 4, opType);
            foreach (OnnxAttribute a in attributes)
            {
                Nested(s, 5, Attribute(a));
            }

            if (domain.Length > 0)
            {
                String(s, 7, domain);
            }
        }));
        return this;
    }

    /// <summary>
    /// Adds an If node whose branches are the nodes and outputs of two other builders (their inputs and
    /// opsets are ignored; branch nodes may read any value of this graph by name).
    /// </summary>
    public OnnxModelBuilder AddIfNode(string name, string condition, string[] outputs, OnnxModelBuilder thenBranch, OnnxModelBuilder elseBranch)
    {
        _nodes.Add(Message(s =>
        {
            String(s, 1, condition);
            foreach (string o in outputs)
            {
                String(s, 2, o);
            }

            String(s, 3, name);
            String(s, 4, "If");
            foreach ((string attribute, OnnxModelBuilder branch) in new[] { ("then_branch", thenBranch), ("else_branch", elseBranch) })
            {
                Nested(s, 5, Message(a =>
                {
                    String(a, 1, attribute);
                    Nested(a, 6, branch.GraphBytes(includeInputs: false));
                    a.WriteTag(20, WireFormat.WireType.Varint);
                    a.WriteInt32(5); // GRAPH
                }));
            }
        }));
        return this;
    }

    /// <summary>Adds a graph output (declared with a junk symbolic shape, as torch does).</summary>
    public OnnxModelBuilder AddOutput(string name)
    {
        _outputs.Add(ValueInfo(name, (int)OnnxElementType.Float, [-1, -1, -1]));
        return this;
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToBytes()
    {
        byte[] graph = GraphBytes(includeInputs: true);
        return Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt64(8); // ir_version
            String(s, 2, "dslc-tests");
            Nested(s, 7, graph);
            foreach ((string domain, long version) in _opsets)
            {
                Nested(s, 8, Message(o =>
                {
                    String(o, 1, domain);
                    o.WriteTag(2, WireFormat.WireType.Varint);
                    o.WriteInt64(version);
                }));
            }
        });
    }

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    private byte[] GraphBytes(bool includeInputs) => Message(s =>
    {
        _nodes.ForEach(n => Nested(s, 1, n));
        String(s, 2, "test_graph");
        _initializers.ForEach(t => Nested(s, 5, t));
        if (includeInputs)
        {
            _inputs.ForEach(v => Nested(s, 11, v));
        }

        _outputs.ForEach(v => Nested(s, 12, v));
    });

    /// <summary>Saves to a temporary file, imports it with <see cref="OnnxImporter"/> and deletes the file.</summary>
    public OnnxGraph Import(long traceLength)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslc-test-{Guid.NewGuid():N}.onnx");
        Save(path);
        try
        {
            return OnnxImporter.Import(path, traceLength);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static OnnxAttribute Int(string name, long value) => new(name, value, null, null, null, null, null);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, null, null, values, null, null, null);

    public static OnnxAttribute Float(string name, float value) => new(name, null, value, null, null, null, null);

    public static OnnxAttribute Floats(string name, params float[] values) => new(name, null, null, null, values, null, null);

    public static OnnxAttribute Text(string name, string value) => new(name, null, null, null, null, value, null);

    public static OnnxAttribute TensorAttribute(string name, OnnxTensor value) => new(name, null, null, null, null, null, value);

    public static OnnxTensor FloatTensor(float[] values, params long[] shape) => new(string.Empty, OnnxElementType.Float, shape, values, []);

    public static OnnxTensor IntTensor(long[] values, params long[] shape) => new(string.Empty, OnnxElementType.Int64, shape, [], values);

    private static byte[] Attribute(OnnxAttribute a) => Message(s =>
    {
        String(s, 1, a.Name);
        int type;
        if (a.Float is float f)
        {
            s.WriteTag(2, WireFormat.WireType.Fixed32);
            s.WriteFloat(f);
            type = 1;
        }
        else if (a.Int is long i)
        {
            s.WriteTag(3, WireFormat.WireType.Varint);
            s.WriteInt64(i);
            type = 2;
        }
        else if (a.Text is string text)
        {
            s.WriteTag(4, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFromUtf8(text));
            type = 3;
        }
        else if (a.Tensor is OnnxTensor t)
        {
            Nested(s, 5, Tensor(t, raw: true));
            type = 4;
        }
        else if (a.Floats is float[] fs)
        {
            Nested(s, 7, Message(p => Array.ForEach(fs, p.WriteFloat))); // packed
            type = 6;
        }
        else if (a.Ints is long[] iss)
        {
            Nested(s, 8, Message(p => Array.ForEach(iss, p.WriteInt64))); // packed
            type = 7;
        }
        else
        {
            throw new ArgumentException($"attribute '{a.Name}' has no value");
        }

        s.WriteTag(20, WireFormat.WireType.Varint);
        s.WriteInt32(type);
    });

    private static byte[] Tensor(OnnxTensor t, bool raw) => Message(s =>
    {
        foreach (long d in t.Shape)
        {
            s.WriteTag(1, WireFormat.WireType.Varint); // unpacked, as onnx writes dims
            s.WriteInt64(d);
        }

        s.WriteTag(2, WireFormat.WireType.Varint);
        s.WriteInt32((int)t.ElementType);
        if (t.Name.Length > 0)
        {
            String(s, 8, t.Name);
        }

        bool isFloat = t.ElementType is OnnxElementType.Float or OnnxElementType.Double;
        if (raw)
        {
            using var ms = new MemoryStream();
            using var w = new BinaryWriter(ms); // little-endian
            for (int k = 0; k < (isFloat ? t.Floats.Length : t.Ints.Length); k++)
            {
                switch (t.ElementType)
                {
                    case OnnxElementType.Float: w.Write(t.Floats[k]); break;
                    case OnnxElementType.Double: w.Write((double)t.Floats[k]); break;
                    case OnnxElementType.Int64: w.Write(t.Ints[k]); break;
                    case OnnxElementType.Int32: w.Write((int)t.Ints[k]); break;
                    default: w.Write((byte)t.Ints[k]); break;
                }
            }

            w.Flush();
            s.WriteTag(9, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(ms.ToArray()));
            return;
        }

        switch (t.ElementType)
        {
            case OnnxElementType.Float:
                Nested(s, 4, Message(p => Array.ForEach(t.Floats, p.WriteFloat)));
                break;
            case OnnxElementType.Double:
                Nested(s, 10, Message(p => Array.ForEach(t.Floats, v => p.WriteDouble(v))));
                break;
            case OnnxElementType.Int64:
                Nested(s, 7, Message(p => Array.ForEach(t.Ints, p.WriteInt64)));
                break;
            default:
                Nested(s, 5, Message(p => Array.ForEach(t.Ints, v => p.WriteInt32((int)v))));
                break;
        }
    });

    private static byte[] ValueInfo(string name, int elementType, long[] shape) => Message(s =>
    {
        String(s, 1, name);
        byte[] dims = Message(d =>
        {
            for (int i = 0; i < shape.Length; i++)
            {
                long dim = shape[i];
                Nested(d, 1, Message(x =>
                {
                    if (dim >= 0)
                    {
                        x.WriteTag(1, WireFormat.WireType.Varint);
                        x.WriteInt64(dim);
                    }
                    else
                    {
                        String(x, 2, i == shape.Length - 1 ? "T" : $"junk_dim_{i}");
                    }
                }));
            }
        });
        byte[] tensorType = Message(tt =>
        {
            tt.WriteTag(1, WireFormat.WireType.Varint);
            tt.WriteInt32(elementType);
            Nested(tt, 2, dims);
        });
        Nested(s, 2, Message(ty => Nested(ty, 1, tensorType)));
    });

    private static void String(CodedOutputStream s, int field, string value)
    {
        s.WriteTag(field, WireFormat.WireType.LengthDelimited);
        s.WriteString(value);
    }

    private static void Nested(CodedOutputStream s, int field, byte[] message)
    {
        s.WriteTag(field, WireFormat.WireType.LengthDelimited);
        s.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var ms = new MemoryStream();
        var s = new CodedOutputStream(ms);
        write(s);
        s.Flush();
        return ms.ToArray();
    }
}
