using System.Text.Json;

namespace Dsl.Compiler.Precision;

/// <summary>
/// Instructions per unit of work of each kernel op per kernel variant, kept as data with the command that measured
/// them (kernel-costs.json, embedded). The precision search prices candidates with it: estimates of instructions,
/// never cycles.
/// </summary>
public sealed class KernelCostTable
{
    private readonly Dictionary<string, Dictionary<string, KernelCost>> variants;

    private KernelCostTable(Dictionary<string, Dictionary<string, KernelCost>> variants, string note)
    {
        this.variants = variants;
        Note = note;
    }

    /// <summary>The variants, in the table's order.</summary>
    public IReadOnlyList<string> Variants => variants.Keys.ToList();

    /// <summary>Where the figures come from.</summary>
    public string Note { get; }

    /// <summary>The table shipped with dslc.</summary>
    public static KernelCostTable Shipped()
    {
        using Stream stream = typeof(KernelCostTable).Assembly.GetManifestResourceStream("Dsl.Compiler.Precision.kernel-costs.json")
            ?? throw new InvalidOperationException("kernel-costs.json is not embedded in Dsl.Compiler");
        return Parse(JsonDocument.Parse(stream));
    }

    public static KernelCostTable Parse(JsonDocument doc)
    {
        var variants = new Dictionary<string, Dictionary<string, KernelCost>>(StringComparer.Ordinal);
        foreach (JsonProperty variant in doc.RootElement.GetProperty("variants").EnumerateObject())
        {
            var ops = new Dictionary<string, KernelCost>(StringComparer.Ordinal);
            foreach (JsonProperty op in variant.Value.EnumerateObject())
            {
                ops[op.Name] = new KernelCost(op.Value.GetProperty("per").GetString()!, op.Value.GetProperty("instructions").GetDouble(),
                    op.Value.GetProperty("source").GetString()!);
            }

            variants[variant.Name] = ops;
        }

        string note = doc.RootElement.GetProperty("note").GetString() + " Measured by: " + doc.RootElement.GetProperty("measured_by").GetString();
        return new KernelCostTable(variants, note);
    }

    /// <summary>The cost of <paramref name="op"/> (a step's runtime kernel family, e.g. conv1d_s16_s16) in
    /// <paramref name="variant"/>; an op the table lacks costs as its int8 form (e.g. conv1d_s8), marked fallback.</summary>
    public KernelCost Of(string variant, string op)
    {
        Dictionary<string, KernelCost> ops = variants[variant];
        if (ops.TryGetValue(op, out KernelCost? cost))
        {
            return cost;
        }

        // "conv1d_s16_s16" -> "conv1d_s8": the family before its element types.
        int types = op.IndexOf("_s", StringComparison.Ordinal);
        string family = types < 0 ? op : op[..types];
        return ops.TryGetValue(family + "_s8", out KernelCost? int8)
            ? int8 with { Source = "fallback" }
            : ops.TryGetValue(family, out KernelCost? plain) ? plain with { Source = "fallback" } : new KernelCost("element", 0, "unknown");
    }
}
