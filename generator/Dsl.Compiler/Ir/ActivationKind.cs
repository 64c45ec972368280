namespace Dsl.Compiler.Ir;

/// <summary>Pointwise nonlinearities; every one but None and Relu becomes a lookup table in int8.</summary>
public enum ActivationKind
{
    None,
    Relu,
    Elu,
    LeakyRelu,
    Tanh,
    Sigmoid,

    /// <summary>Clamp to [Alpha, Beta] (ONNX Clip: torch's hardtanh, clamp, ReLU6).</summary>
    Clip,
}
