namespace Dsl.Compiler.Ir;

/// <summary>A pointwise nonlinearity with its parameters (alpha of ELU and LeakyReLU; the bounds
/// Alpha..Beta of Clip).</summary>
public sealed record Activation(ActivationKind Kind, float Alpha = 0f, float Beta = 0f)
{
    public static readonly Activation Identity = new(ActivationKind.None);

    public bool IsIdentity => Kind == ActivationKind.None;

    /// <summary>The float function, as the float reference and the LUT builder evaluate it.</summary>
    public float Apply(float x) => Kind switch
    {
        ActivationKind.None => x,
        ActivationKind.Relu => x > 0f ? x : 0f,
        ActivationKind.Elu => x > 0f ? x : Alpha * (MathF.Exp(x) - 1f),
        ActivationKind.LeakyRelu => x > 0f ? x : Alpha * x,
        ActivationKind.Tanh => MathF.Tanh(x),
        ActivationKind.Sigmoid => 1f / (1f + MathF.Exp(-x)),
        ActivationKind.Clip => Math.Clamp(x, Alpha, Beta),
        _ => throw new InvalidOperationException($"unknown activation {Kind}"),
    };

    public override string ToString() => Kind switch
    {
        ActivationKind.Elu or ActivationKind.LeakyRelu => $"{Kind}({Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        ActivationKind.Clip => $"Clip({Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Beta.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        _ => Kind.ToString(),
    };
}
