using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tuning;

/// <summary>What dslc tune sweeps besides every int8 threshold: the holds (--holds) and the bounded replay counts K &lt; R
/// (--replay-frames), the latter for a few pairs of the exact front; both replay policies are always swept.</summary>
/// <param name="BoundedPairs">At most this many (threshold, hold) pairs of the exact front, spread along it by load,
/// get bounded-replay points: each such point runs the heavy path over the audio.</param>
public sealed record SweepGrid(IReadOnlyList<int> Holds, IReadOnlyList<int> BoundedReplays, int BoundedPairs = SweepGrid.DefaultBoundedPairs)
{
    /// <summary>Bounded points cost a heavy-path run each (on the shipped model about as long as the whole exact
    /// sweep per point): a handful along the front shows what a bounded replay saves and loses.</summary>
    public const int DefaultBoundedPairs = 6;

    /// <summary>Default --holds: 0..8 frames.</summary>
    public const string DefaultHolds = "0..8";

    /// <summary>Default --replay-frames: R/2 and R/4 (rounded down, distinct, below R).</summary>
    public static IReadOnlyList<int> DefaultReplays(int replayFrames) =>
        new[] { replayFrames / 2, replayFrames / 4 }.Where(k => k < replayFrames).Distinct().Order().ToList();

    /// <summary>"0..8", "0,1,2,4" or a mix ("0..3,6"): distinct, ascending.</summary>
    public static IReadOnlyList<int> ParseHolds(string text) => Ints(text, "--holds", 0, 100000);

    /// <summary>K values for bounded replay, each below <paramref name="replayFrames"/>; "none" for no bounded points.</summary>
    public static IReadOnlyList<int> ParseReplays(string text, int replayFrames)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim() == "none")
        {
            return [];
        }

        IReadOnlyList<int> ks = Ints(text, "--replay-frames", 0, int.MaxValue);
        if (ks.FirstOrDefault(k => k >= replayFrames, -1) is int bad and >= 0)
        {
            throw new DslException(DslErrorCode.Usage, $"--replay-frames: {bad} is not below the model's receptive field R = {replayFrames}; exact replay (R frames) is always swept, give bounded counts K < R or none");
        }

        return ks;
    }

    private static IReadOnlyList<int> Ints(string text, string option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] range = part.Split("..");
            if (range.Length > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new DslException(DslErrorCode.Usage, $"{option}: '{part}' is not a whole number or range; give e.g. 0..8 or 0,1,2,4");
            }

            int lo = int.Parse(range[0], CultureInfo.InvariantCulture), hi = int.Parse(range[^1], CultureInfo.InvariantCulture);
            if (lo > hi || lo < min || hi > max || hi - lo > 1000)
            {
                throw new DslException(DslErrorCode.Usage, $"{option}: '{part}' must be an ascending range from {min} to {max} of at most 1000 values");
            }

            for (int v = lo; v <= hi; v++)
            {
                values.Add(v);
            }
        }

        return values.ToList();
    }
}
