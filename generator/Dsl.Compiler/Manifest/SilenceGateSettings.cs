namespace Dsl.Compiler.Manifest;

/// <summary>
/// dsl.json "silence_gate": digital silence in gives exact zeros out once no sound is left inside the
/// model's receptive field (docs/silence-gate.md). On unless <paramref name="Enabled"/> is false.
/// </summary>
/// <param name="Enabled">False: the outputs are the model's, whatever the input (the emitted C is then the
/// same as without a gate).</param>
/// <param name="Threshold">A sample counts as silent when |x| &lt;= this, in int16 LSB (0: only exact zeros).</param>
public sealed record SilenceGateSettings(bool Enabled, int Threshold)
{
    /// <summary>Without the field: on, exact zeros only.</summary>
    public static SilenceGateSettings Default { get; } = new(true, 0);

    /// <summary>The largest threshold dsl.json accepts (|x| &lt;= 32767 would hold for every sample but -32768).</summary>
    public const int MaxThreshold = 32767;
}
