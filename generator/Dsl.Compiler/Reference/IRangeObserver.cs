namespace Dsl.Compiler.Reference;

/// <summary>Sees every value a node computes (calibration records ranges through it).</summary>
public interface IRangeObserver
{
    /// <summary>Values before the node's fused activation (same as output when there is none).</summary>
    void PreActivation(string node, ReadOnlySpan<float> values);

    void Output(string tensor, ReadOnlySpan<float> values);
}
