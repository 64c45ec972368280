namespace Dsl.Compiler.Schedule;

/// <summary>
/// Places scratch tensors in one arena by liveness: two tensors may share bytes only when their
/// live intervals (first writer .. last reader, in node order, inclusive) do not overlap.
/// Greedy first fit, largest first, ties by name: deterministic.
/// </summary>
public static class ArenaPlanner
{
    public sealed record Request(string Tensor, int Bytes, int FirstUse, int LastUse);

    public static (Dictionary<string, int> Offsets, int ArenaBytes) Plan(IEnumerable<Request> requests)
    {
        var placed = new List<(Request R, int Offset)>();
        foreach (Request r in requests.OrderByDescending(r => r.Bytes).ThenBy(r => r.Tensor, StringComparer.Ordinal))
        {
            int offset = 0;
            bool moved = true;
            while (moved)
            {
                moved = false;
                foreach ((Request other, int at) in placed)
                {
                    bool liveTogether = r.FirstUse <= other.LastUse && other.FirstUse <= r.LastUse;
                    bool bytesOverlap = offset < at + other.Bytes && at < offset + r.Bytes;
                    if (liveTogether && bytesOverlap)
                    {
                        offset = Align(at + other.Bytes);
                        moved = true;
                    }
                }
            }

            placed.Add((r, offset));
        }

        int size = placed.Count == 0 ? 0 : placed.Max(p => Align(p.Offset + p.R.Bytes));
        return (placed.ToDictionary(p => p.R.Tensor, p => p.Offset, StringComparer.Ordinal), size);
    }

    public static int Align(int bytes) => (bytes + 3) & ~3;
}
