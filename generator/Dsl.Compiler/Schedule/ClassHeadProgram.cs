using Dsl.Compiler.Manifest;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Schedule;

/// <summary>
/// The heavy output as a classifier head (docs/classifier-heads.md): one vector of <see cref="Count"/> scores per
/// frame, int8 (or int16 when the tensor is in int16_tensors) with the output tensor's quantization. A gated frame
/// (the heavy path did not run) gets <see cref="NegativeIndex"/> at the type's maximum and every other class at its
/// minimum, so argmax names the negative class; without one every score is the minimum.
/// </summary>
/// <param name="Output">The dsl.json output name (its C form names the macros).</param>
public sealed record ClassHeadProgram(string Output, ClassHead Head, QuantParams Quant)
{
    public int Count => Head.Count;

    public int NegativeIndex => Head.NegativeIndex;

    public int ElementBytes => Quant.ElementBytes;

    /// <summary>The type's extremes, what a gated frame writes.</summary>
    public int Min => ElementBytes == 2 ? short.MinValue : sbyte.MinValue;

    public int Max => ElementBytes == 2 ? short.MaxValue : sbyte.MaxValue;

    /// <summary>The output's scale as a fixed-point pair: real = (q - zero point) * ScaleQ / 2^ScaleShift.</summary>
    public (int ScaleQ, int ScaleShift) FixedScale
    {
        get
        {
            FixedPointMultiplier f = FixedPointMultiplier.From(Quant.Scale, $"class scores '{Output}'");
            return (f.Multiplier, 31 - f.Shift);
        }
    }

    /// <summary>The scores of a gated frame.</summary>
    public int[] GatedScores() => Enumerable.Range(0, Count).Select(i => i == NegativeIndex ? Max : Min).ToArray();

    /// <summary>The index of the largest score, the first one on a tie (as the C <c>_argmax</c>).</summary>
    public static int ArgMax(IReadOnlyList<int> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The output name as a C identifier (lower case) for the symbols <c>m_&lt;out&gt;_labels</c>, ...</summary>
    public string CName => new(Output.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
}
