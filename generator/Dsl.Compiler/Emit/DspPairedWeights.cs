using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The "pairs4" weight layout of a dsp convolution (runtime-c/include/dsl_kernel_dsp_pairs.h): int8 weights
/// widened to int16 pairs in the order SXTB16 splits an input word ([x0 x2], [x1 x3]), 4 output channels
/// interleaved so one block of the kernel reads them in sequence; each block starts with its channels' biases and
/// prepared requantization records (<see cref="DspRequantRecord"/>), so the kernel loads them instead of computing
/// them. Emission only: the golden model and the arithmetic are unchanged (the padding weights are 0). With int16
/// input the halves are in load order instead ("pairs4s16", runtime-c/include/dsl_kernel_dsp_pairs16.h).
/// </summary>
public static class DspPairedWeights
{
    /// <summary>The kernel's block: output channels per block, elements per group.</summary>
    private const int Channels = 4;

    private const int Group = 4;

    /// <summary>Convolutions with fewer MACs per output keep int8 weights: there the int8 blocks are faster (measured on
    /// Cortex-M4 with the lean pairs4 stores, instructions per call int8 / pairs4: 16->16 k1 8 rows 4.4k / 3.3k, 8->20 k2
    /// 8 rows 5.7k / 4.4k; 4->8 k2 40 rows 5.7k / 6.0k, 2->4 k2 160 rows 8.1k / 9.0k).</summary>
    public const int MinMacsPerOutput = 16;

    /// <summary>
    /// The convolutions the layout serves and speeds up: any kind (int8 or int16 input and output), groups 1, at least
    /// 16 MACs per output (kernel x in_channels) and at least 4 output channels (a block of 4 computes all 4: 1-3
    /// channels would waste most of it; measured 3x slower on 2->1 k5). With int16 input the layout is "pairs4s16"
    /// (<see cref="Int16Input"/>): measured on Cortex-M4 (run_kernel_bench.sh) 16->16 k3 8 rows 1.79 -> 0.96
    /// instructions per MAC, 192->192 k3 one row 1.67 -> 0.83.
    /// </summary>
    public static bool Fits(ConvStep s) =>
        s.Groups == 1 && s.OutChannels >= Channels && s.Kernel * s.InChannels >= MinMacsPerOutput;

    /// <summary>int16 input: the halves of a channel's two words per group are [w(e0) w(e1)], [w(e2) w(e3)], the order
    /// int16 activations load in (runtime-c/include/dsl_kernel_dsp_pairs16.h), not SXTB16's [w(e0) w(e2)], [w(e1) w(e3)].</summary>
    public static bool Int16Input(ConvStep s) => s.Kind is ConvKind.S16S8 or ConvKind.S16S16;

    /// <summary>Words at the start of each block: 4 biases, then 4 records (padding channels: zeros).</summary>
    public const int HeaderWords = Channels + (Channels * DspRequantRecord.Words);

    /// <summary>The layout's int32 words for weights <c>[out][kernel][in]</c> (see the C header) and the step's output
    /// stage under <paramref name="rule"/> (the records hold what dsl_dsp_requant_prepare gives for the step's form).</summary>
    public static int[] Words(ConvStep s, RoundingRule rule)
    {
        var (windows, window) = Windows(s);
        var groups = (window + Group - 1) / Group;
        var words = new int[WordCount(s)];
        var loadOrder = Int16Input(s);
        var foldZeroPoint = CStageForm.FoldsZeroPoint(s.Stage, rule);
        var n = 0;
        for (var block = 0; block < Blocks(s); block++)
        {
            for (var c = 0; c < Channels; c++)
            {
                var o = block * Channels + c;
                words[n + c] = o < s.OutChannels ? s.Stage.Bias[o] : 0;
                if (o < s.OutChannels)
                    DspRequantRecord.Of(s.Stage, o, rule, foldZeroPoint).CopyTo(words, n + Channels + (c * DspRequantRecord.Words));
            }

            n += HeaderWords;
            WindowWords(s, block, windows, window, groups, loadOrder, words, ref n);
        }

        return words;
    }

    private static void WindowWords(ConvStep s, int block, int windows, int window, int groups, bool loadOrder, int[] words, ref int n)
    {
        for (var j = 0; j < windows; j++)
        for (var g = 0; g < groups; g++)
        for (var c = 0; c < Channels; c++)
        {
            var o = block * Channels + c;
            int W(int e)
            {
                var i = g * Group + e;
                return o < s.OutChannels && i < window ? s.Weights[o * s.Kernel * s.InChannels + j * s.InChannels + i] : 0;
            }

            words[n++] = loadOrder ? Pair(W(0), W(1)) : Pair(W(0), W(2));
            words[n++] = loadOrder ? Pair(W(2), W(3)) : Pair(W(1), W(3));
        }
    }

    /// <summary>int32 words of the layout (4 bytes each).</summary>
    public static int WordCount(ConvStep s)
    {
        var (windows, window) = Windows(s);
        return Blocks(s) * (HeaderWords + (windows * ((window + Group - 1) / Group) * 2 * Channels));
    }

    /// <summary>Flash the layout costs beyond the int8 weights.</summary>
    public static long ExtraBytes(ConvStep s) => 4L * WordCount(s) - (long)s.OutChannels * s.Kernel * s.InChannels;

    /// <summary>Contiguous input windows per output and their length: the whole kernel x in_channels with
    /// dilation 1, else in_channels per tap.</summary>
    private static (int Windows, int Length) Windows(ConvStep s) =>
        s.Dilation == 1 ? (1, s.Kernel * s.InChannels) : (s.Kernel, s.InChannels);

    private static int Blocks(ConvStep s) => (s.OutChannels + Channels - 1) / Channels;

    /// <summary>Low half the first weight, high half the second (two's complement int16 halves).</summary>
    private static int Pair(int low, int high) => unchecked((int)(((uint)low & 0xFFFFu) | ((uint)high << 16)));
}
