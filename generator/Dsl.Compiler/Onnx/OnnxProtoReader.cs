using System.Buffers.Binary;
using Dsl.Compiler.Diagnostics;
using Google.Protobuf;

namespace Dsl.Compiler.Onnx;

/// <summary>
/// Hand-written protobuf reader for the subset of onnx.proto that dslc needs, on top of
/// Google.Protobuf's <see cref="CodedInputStream"/>. Chosen over protoc-generated classes because it
/// keeps the build free of code generation, lets us skip what we do not need (subgraphs, docs,
/// metadata, training info) without materialising it, and lets every error name the file and the
/// tensor or node it happened in. Field numbers are those of onnx/onnx.proto (IR version 8).
/// Unknown fields are skipped, as protobuf requires.
/// </summary>
internal sealed class OnnxProtoReader
{
    // ModelProto
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;

    // OperatorSetIdProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int NodeDomain = 7;

    // AttributeProto (type enum: FLOAT=1 INT=2 STRING=3 TENSOR=4 FLOATS=6 INTS=7 ...)
    private const int AttrName = 1;
    private const int AttrF = 2;
    private const int AttrI = 3;
    private const int AttrS = 4;
    private const int AttrT = 5;
    private const int AttrG = 6;
    private const int AttrFloats = 7;
    private const int AttrInts = 8;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorInt32Data = 5;
    private const int TensorInt64Data = 7;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int TensorDoubleData = 10;
    private const int TensorUint64Data = 11;
    private const int TensorDataLocation = 14;

    // ValueInfoProto / TypeProto / TypeProto.Tensor / TensorShapeProto / Dimension
    private const int ValueName = 1;
    private const int ValueType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;

    /// <summary>Subgraphs nest (If inside If); a bound keeps a hostile file from overflowing the stack.</summary>
    private const int MaxGraphDepth = 16;

    /// <summary>Elements of one tensor; its data (at least one byte each) must be in the file anyway, and
    /// this keeps every element count and byte size an int.</summary>
    private const long MaxTensorElements = int.MaxValue / 8;

    private readonly string _path;
    private int _depth;

    private OnnxProtoReader(string path)
    {
        _path = path;
    }

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="path"/> is only used in messages.</summary>
    public static OnnxFileModel Read(string path, byte[] bytes)
    {
        var reader = new OnnxProtoReader(path);
        try
        {
            return reader.ReadModel(new CodedInputStream(bytes));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or OverflowException)
        {
            throw new DslException(
                DslErrorCode.Model,
                $"{path}: not a valid ONNX protobuf file ({e.Message}); re-export the model with torch.onnx.export",
                e);
        }
    }

    private OnnxFileModel ReadModel(CodedInputStream s)
    {
        var opsets = new List<(string, long)>();
        var graph = new GraphParts();
        bool hasGraph = false;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ModelOpsetImport:
                    opsets.Add(Nested(s, tag, ReadOpset));
                    break;
                case ModelGraph:
                    // A second graph field would be merged by protobuf rules; we simply append.
                    Nested(s, tag, x => ReadGraph(x, graph));
                    hasGraph = true;
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        return new OnnxFileModel(opsets, hasGraph, graph.Nodes, graph.Initializers, graph.Inputs, graph.Outputs);
    }

    private (string, long) ReadOpset(CodedInputStream s)
    {
        string domain = string.Empty;
        long version = 0;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case OpsetDomain:
                    domain = ReadString(s, tag);
                    break;
                case OpsetVersion:
                    version = ReadVarint(s, tag);
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        return (domain, version);
    }

    private bool ReadGraph(CodedInputStream s, GraphParts g)
    {
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case GraphNode:
                    g.Nodes.Add(Nested(s, tag, ReadNode));
                    break;
                case GraphInitializer:
                    g.Initializers.Add(Nested(s, tag, x => ReadTensor(x, "initializer")));
                    break;
                case GraphInput:
                    g.Inputs.Add(Nested(s, tag, ReadValueInfo));
                    break;
                case GraphOutput:
                    g.Outputs.Add(Nested(s, tag, ReadValueInfo));
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        return true;
    }

    private OnnxFileNode ReadNode(CodedInputStream s)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        string name = string.Empty, opType = string.Empty, domain = string.Empty;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeInput:
                    inputs.Add(ReadString(s, tag));
                    break;
                case NodeOutput:
                    outputs.Add(ReadString(s, tag));
                    break;
                case NodeName:
                    name = ReadString(s, tag);
                    break;
                case NodeOpType:
                    opType = ReadString(s, tag);
                    break;
                case NodeDomain:
                    domain = ReadString(s, tag);
                    break;
                case NodeAttribute:
                    attributes.Add(Nested(s, tag, ReadAttribute));
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        return new OnnxFileNode(name, opType, domain, inputs, outputs, attributes);
    }

    private OnnxAttribute ReadAttribute(CodedInputStream s)
    {
        string name = string.Empty;
        long? i = null;
        float? f = null;
        string? text = null;
        OnnxTensor? tensor = null;
        OnnxFileGraph? graph = null;
        List<long>? ints = null;
        List<float>? floats = null;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case AttrName:
                    name = ReadString(s, tag);
                    break;
                case AttrF:
                    Expect(s, tag, WireFormat.WireType.Fixed32);
                    f = s.ReadFloat();
                    break;
                case AttrI:
                    i = ReadVarint(s, tag);
                    break;
                case AttrS:
                    Expect(s, tag, WireFormat.WireType.LengthDelimited);
                    text = s.ReadBytes().ToStringUtf8();
                    break;
                case AttrT:
                    tensor = Nested(s, tag, x => ReadTensor(x, "attribute tensor"));
                    break;
                case AttrG:
                    graph = Nested(s, tag, ReadSubgraph);
                    break;
                case AttrInts:
                    ints ??= new List<long>();
                    ReadRepeated(s, tag, WireFormat.WireType.Varint, ints, x => x.ReadInt64());
                    break;
                case AttrFloats:
                    floats ??= new List<float>();
                    ReadRepeated(s, tag, WireFormat.WireType.Fixed32, floats, x => x.ReadFloat());
                    break;
                default:
                    // lists of strings/graphs/tensors, sparse tensors, type protos: no op dslc supports needs them.
                    s.SkipLastField();
                    break;
            }
        }

        return new OnnxAttribute(name, i, f, ints?.ToArray(), floats?.ToArray(), text, tensor) { Subgraph = graph };
    }

    private OnnxFileGraph ReadSubgraph(CodedInputStream s)
    {
        if (++_depth > MaxGraphDepth)
        {
            throw Fail($"subgraphs are nested more than {MaxGraphDepth} deep");
        }

        var parts = new GraphParts();
        ReadGraph(s, parts);
        _depth--;
        return new OnnxFileGraph(parts.Nodes, parts.Initializers, parts.Outputs.Select(o => o.Name).ToArray());
    }

    private OnnxTensor ReadTensor(CodedInputStream s, string role)
    {
        var dims = new List<long>();
        int dataType = 0;
        string name = string.Empty;
        ByteString? raw = null;
        var floatData = new List<float>();
        var int32Data = new List<int>();
        var int64Data = new List<long>();
        var doubleData = new List<double>();
        var uint64Data = new List<ulong>();
        long location = 0;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TensorDims:
                    ReadRepeated(s, tag, WireFormat.WireType.Varint, dims, x => x.ReadInt64());
                    break;
                case TensorDataType:
                    dataType = (int)ReadVarint(s, tag);
                    break;
                case TensorName:
                    name = ReadString(s, tag);
                    break;
                case TensorRawData:
                    Expect(s, tag, WireFormat.WireType.LengthDelimited);
                    raw = s.ReadBytes();
                    break;
                case TensorFloatData:
                    ReadRepeated(s, tag, WireFormat.WireType.Fixed32, floatData, x => x.ReadFloat());
                    break;
                case TensorInt32Data:
                    ReadRepeated(s, tag, WireFormat.WireType.Varint, int32Data, x => x.ReadInt32());
                    break;
                case TensorInt64Data:
                    ReadRepeated(s, tag, WireFormat.WireType.Varint, int64Data, x => x.ReadInt64());
                    break;
                case TensorDoubleData:
                    ReadRepeated(s, tag, WireFormat.WireType.Fixed64, doubleData, x => x.ReadDouble());
                    break;
                case TensorUint64Data:
                    ReadRepeated(s, tag, WireFormat.WireType.Varint, uint64Data, x => x.ReadUInt64());
                    break;
                case TensorDataLocation:
                    location = ReadVarint(s, tag);
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        string what = name.Length > 0 ? $"{role} '{name}'" : role;
        if (location != 0)
        {
            throw Fail($"{what} stores its data in an external file, which dslc does not read; export the model as a single file (no external data)");
        }

        long[] shape = dims.ToArray();
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw Fail($"{what} has a negative dimension in shape [{string.Join(", ", shape)}]");
            }

            // Saturates instead of overflowing: any count above the limit is refused below.
            count = d == 0 || count <= MaxTensorElements / d ? count * d : MaxTensorElements + 1;
        }

        if (count > MaxTensorElements)
        {
            throw Fail($"{what} has shape [{string.Join(", ", shape)}], more than {MaxTensorElements} elements, which dslc cannot hold in memory");
        }

        if (!Enum.IsDefined(typeof(OnnxElementType), dataType))
        {
            throw Fail($"{what} has ONNX data type {dataType} ({DataTypeName(dataType)}), which dslc does not support; export the model in float32");
        }

        var type = (OnnxElementType)dataType;
        if (raw is not null && raw.Length > 0)
        {
            return FromRaw(name, type, shape, count, raw.Span, what);
        }

        // Typed fields: ONNX stores float in float_data; double in double_data; int64 in int64_data;
        // int32, int8, uint8 and bool in int32_data.
        int have = type switch
        {
            OnnxElementType.Float => floatData.Count,
            OnnxElementType.Double => doubleData.Count,
            OnnxElementType.Int64 => int64Data.Count,
            _ => int32Data.Count,
        };
        if (have != count)
        {
            throw Fail($"{what} declares {count} elements (shape [{string.Join(", ", shape)}]) but holds {have}");
        }

        return type switch
        {
            OnnxElementType.Float => new OnnxTensor(name, type, shape, floatData.ToArray(), []),
            OnnxElementType.Double => new OnnxTensor(name, type, shape, doubleData.Select(d => (float)d).ToArray(), []),
            OnnxElementType.Int64 => new OnnxTensor(name, type, shape, [], int64Data.ToArray()),
            OnnxElementType.Uint8 => new OnnxTensor(name, type, shape, [], int32Data.Select(v => (long)(byte)v).ToArray()),
            OnnxElementType.Int8 => new OnnxTensor(name, type, shape, [], int32Data.Select(v => (long)(sbyte)v).ToArray()),
            OnnxElementType.Bool => new OnnxTensor(name, type, shape, [], int32Data.Select(v => v != 0 ? 1L : 0L).ToArray()),
            _ => new OnnxTensor(name, type, shape, [], int32Data.Select(v => (long)v).ToArray()),
        };
    }

    private OnnxTensor FromRaw(string name, OnnxElementType type, long[] shape, long count, ReadOnlySpan<byte> raw, string what)
    {
        int size = type switch
        {
            OnnxElementType.Float or OnnxElementType.Int32 => 4,
            OnnxElementType.Double or OnnxElementType.Int64 => 8,
            _ => 1,
        };
        if (raw.Length != count * size)
        {
            throw Fail($"{what} declares {count} elements of {size} bytes (shape [{string.Join(", ", shape)}]) but raw_data has {raw.Length} bytes");
        }

        int n = (int)count;
        if (type is OnnxElementType.Float or OnnxElementType.Double)
        {
            var f = new float[n];
            for (int k = 0; k < n; k++)
            {
                f[k] = type == OnnxElementType.Float
                    ? BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(k * 4, 4))
                    : (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(k * 8, 8));
            }

            return new OnnxTensor(name, type, shape, f, []);
        }

        var v = new long[n];
        for (int k = 0; k < n; k++)
        {
            v[k] = type switch
            {
                OnnxElementType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(k * 8, 8)),
                OnnxElementType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(raw.Slice(k * 4, 4)),
                OnnxElementType.Int8 => (sbyte)raw[k],
                OnnxElementType.Bool => raw[k] != 0 ? 1 : 0,
                _ => raw[k],
            };
        }

        return new OnnxTensor(name, type, shape, [], v);
    }

    private OnnxFileValue ReadValueInfo(CodedInputStream s)
    {
        string name = string.Empty;
        int elemType = 0;
        long?[]? dims = null;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ValueName:
                    name = ReadString(s, tag);
                    break;
                case ValueType:
                    Nested(s, tag, t => ReadType(t, ref elemType, ref dims));
                    break;
                default:
                    s.SkipLastField();
                    break;
            }
        }

        return new OnnxFileValue(name, elemType, dims);
    }

    private bool ReadType(CodedInputStream s, ref int elemType, ref long?[]? dims)
    {
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != TypeTensorType)
            {
                s.SkipLastField();
                continue;
            }

            Expect(s, tag, WireFormat.WireType.LengthDelimited);
            CodedInputStream t = s.ReadBytes().CreateCodedInput();
            uint inner;
            while ((inner = t.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(inner))
                {
                    case TensorTypeElemType:
                        elemType = (int)ReadVarint(t, inner);
                        break;
                    case TensorTypeShape:
                        dims = Nested(t, inner, ReadShape);
                        break;
                    default:
                        t.SkipLastField();
                        break;
                }
            }
        }

        return true;
    }

    private long?[] ReadShape(CodedInputStream s)
    {
        var dims = new List<long?>();
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != ShapeDim)
            {
                s.SkipLastField();
                continue;
            }

            dims.Add(Nested(s, tag, d =>
            {
                long? value = null;
                uint t;
                while ((t = d.ReadTag()) != 0)
                {
                    if (WireFormat.GetTagFieldNumber(t) == DimValue && WireFormat.GetTagWireType(t) == WireFormat.WireType.Varint)
                    {
                        value = d.ReadInt64();
                    }
                    else
                    {
                        d.SkipLastField(); // dim_param (symbolic name), denotation
                    }
                }

                return value;
            }));
        }

        return dims.ToArray();
    }

    /// <summary>Reads a length-delimited sub-message with <paramref name="read"/> inside a length limit.</summary>
    private T Nested<T>(CodedInputStream s, uint tag, Func<CodedInputStream, T> read)
    {
        // CodedInputStream keeps PushLimit internal, so a sub-message is read from its own stream
        // over the length-delimited bytes (ByteString.CreateCodedInput does not copy them again).
        Expect(s, tag, WireFormat.WireType.LengthDelimited);
        return read(s.ReadBytes().CreateCodedInput());
    }

    /// <summary>Reads one element, or a packed run of them (protobuf parsers must accept both encodings).</summary>
    private void ReadRepeated<T>(CodedInputStream s, uint tag, WireFormat.WireType elementWire, List<T> into, Func<CodedInputStream, T> read)
    {
        if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
        {
            CodedInputStream packed = s.ReadBytes().CreateCodedInput();
            while (!packed.IsAtEnd)
            {
                into.Add(read(packed));
            }

            return;
        }

        Expect(s, tag, elementWire);
        into.Add(read(s));
    }

    private string ReadString(CodedInputStream s, uint tag)
    {
        Expect(s, tag, WireFormat.WireType.LengthDelimited);
        return s.ReadString();
    }

    private long ReadVarint(CodedInputStream s, uint tag)
    {
        Expect(s, tag, WireFormat.WireType.Varint);
        return s.ReadInt64();
    }

    private void Expect(CodedInputStream s, uint tag, WireFormat.WireType wire)
    {
        if (WireFormat.GetTagWireType(tag) != wire)
        {
            throw Fail($"field {WireFormat.GetTagFieldNumber(tag)} has wire type {WireFormat.GetTagWireType(tag)} where {wire} was expected (byte offset {s.Position}); the file is corrupt or not an ONNX model");
        }
    }

    private DslException Fail(string message) => new(DslErrorCode.Model, $"{_path}: {message}");

    private static string DataTypeName(int t) => t switch
    {
        0 => "undefined",
        4 => "uint16",
        5 => "int16",
        8 => "string",
        10 => "float16",
        12 => "uint32",
        13 => "uint64",
        14 => "complex64",
        15 => "complex128",
        16 => "bfloat16",
        _ => "unknown",
    };

    /// <summary>Mutable accumulator for one GraphProto while parsing.</summary>
    private sealed class GraphParts
    {
        public List<OnnxFileNode> Nodes { get; } = new();

        public List<OnnxTensor> Initializers { get; } = new();

        public List<OnnxFileValue> Inputs { get; } = new();

        public List<OnnxFileValue> Outputs { get; } = new();
    }
}
