namespace Dsl.Compiler.Diagnostics;

/// <summary>Error families; the numeric value is the CLI's exit code.</summary>
public enum DslErrorCode
{
    /// <summary>Bad command-line usage or option value.</summary>
    Usage = 2,

    /// <summary>A file could not be read or written.</summary>
    Io = 3,

    /// <summary>The ONNX file is malformed or uses something dslc does not support.</summary>
    Model = 4,

    /// <summary>dsl.json is malformed or inconsistent with the model.</summary>
    Manifest = 5,

    /// <summary>A WAV file is malformed or has the wrong format.</summary>
    Audio = 6,

    /// <summary>Quantization is impossible (e.g. an accumulator could overflow).</summary>
    Quantization = 7,

    /// <summary>A board profile is malformed, or the model does not fit the board.</summary>
    Board = 8,

    /// <summary>An external tool (gcc, qemu) failed or is missing.</summary>
    Toolchain = 9,

    /// <summary>Emitted code disagrees with the golden model.</summary>
    Mismatch = 10,
}
