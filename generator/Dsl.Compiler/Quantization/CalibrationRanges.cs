using Dsl.Compiler.Reference;

namespace Dsl.Compiler.Quantization;

/// <summary>Ranges of every tensor and of every node's pre-activation values over calibration audio.</summary>
public sealed class CalibrationRanges : IRangeObserver
{
    private readonly Dictionary<string, TensorRange> tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorRange> preActivation = new(StringComparer.Ordinal);

    public long Frames { get; set; }

    public TensorRange Tensor(string name) => Get(tensors, name);

    /// <summary>Every tensor range recorded, by name (what a calibration cache entry stores).</summary>
    public IReadOnlyDictionary<string, TensorRange> Tensors => tensors;

    /// <summary>Every pre-activation range recorded, by node.</summary>
    public IReadOnlyDictionary<string, TensorRange> PreActivations => preActivation;

    /// <summary>Puts a range read from a calibration cache entry in place.</summary>
    public void Restore(string tensor, TensorRange range) => tensors[tensor] = range;

    /// <summary>Puts a pre-activation range read from a calibration cache entry in place.</summary>
    public void RestorePreActivation(string node, TensorRange range) => preActivation[node] = range;

    public TensorRange PreActivationOf(string node) => Get(preActivation, node);

    void IRangeObserver.PreActivation(string node, ReadOnlySpan<float> values) => Get(preActivation, node).Observe(values);

    void IRangeObserver.Output(string tensor, ReadOnlySpan<float> values) => Get(tensors, tensor).Observe(values);

    private static TensorRange Get(Dictionary<string, TensorRange> map, string key)
    {
        if (!map.TryGetValue(key, out TensorRange? r))
        {
            r = new TensorRange();
            map[key] = r;
        }

        return r;
    }
}
