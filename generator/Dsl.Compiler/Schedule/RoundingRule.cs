namespace Dsl.Compiler.Schedule;

/// <summary>Requantization rounding (runtime-c/include/dsl_requantize.h).</summary>
public enum RoundingRule
{
    /// <summary>Default: one rounding, half toward +infinity, in 64-bit.</summary>
    Single,

    /// <summary>TFLite / CMSIS-NN: doubling high multiply then rounding divide (two roundings).</summary>
    Tflite,
}
