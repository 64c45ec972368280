namespace Dsl.Compiler.Golden;

/// <summary>The requantized values (before the kernel's clamp) that count as a saturation: those below
/// <paramref name="Low"/> or above <paramref name="High"/>. Wider than the kernel's clamp where clamping there
/// is the activation's own work (a ReLU's zero, a Tanh that is flat beyond the range).</summary>
public readonly record struct ClampBounds(int Low, int High)
{
    /// <summary>Nothing counts (a step that cannot saturate).</summary>
    public static readonly ClampBounds Never = new(int.MinValue, int.MaxValue);
}
