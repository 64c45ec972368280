namespace Dsl.Compiler.Onnx;

/// <summary>ONNX TensorProto.DataType values that dslc understands (numbers are the ONNX enum values).</summary>
public enum OnnxElementType
{
    Float = 1,
    Uint8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Double = 11,
}
