using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>Checks that each path fits the flash and RAM of the core that runs it.</summary>
public static class FitCheck
{
    /// <summary>RAM kept free for the stack (runtime-c/target/dsl_target.ld's default DSL_STACK_SIZE).</summary>
    public const long DefaultStackBytes = 16 * 1024;

    /// <summary>Usage of every region involved; does not throw.</summary>
    /// <param name="board">The board.</param>
    /// <param name="light">Light path footprint (switch, light decoder, handoff producer).</param>
    /// <param name="heavy">Heavy path footprint.</param>
    /// <param name="handoffRingBytes">The handoff ring: in the shared region on dual-core boards, in the
    /// light core's RAM otherwise.</param>
    /// <param name="stackBytes">RAM reserved for the stack on every core.</param>
    public static IReadOnlyList<RegionUsage> Usage(BoardProfile board, PathFootprint light, PathFootprint heavy,
        long handoffRingBytes = 0, long stackBytes = DefaultStackBytes)
    {
        var usage = new List<RegionUsage>();
        if (board.IsSingleCore)
        {
            var core = board.Light;
            var both = light + heavy;
            usage.Add(Flash(core, "light+heavy", both));
            usage.Add(Ram(core, "light+heavy", both, handoffRingBytes, stackBytes));
            return usage;
        }

        usage.Add(Flash(board.Light, "light", light));
        usage.Add(Ram(board.Light, "light", light, board.Shared is null ? handoffRingBytes : 0, stackBytes));
        usage.Add(Flash(board.Heavy, "heavy", heavy));
        usage.Add(Ram(board.Heavy, "heavy", heavy, 0, stackBytes));
        if (board.Shared is not null)
        {
            usage.Add(new RegionUsage("shared", "handoff", "shared", board.Shared, handoffRingBytes,
                $"handoff ring {handoffRingBytes}"));
        }

        return usage;
    }

    /// <summary>Throws <see cref="DslErrorCode.Board"/> naming every core and region that is too small
    /// (needed vs available bytes); returns the usage when everything fits.</summary>
    public static IReadOnlyList<RegionUsage> Check(BoardProfile board, PathFootprint light, PathFootprint heavy,
        long handoffRingBytes = 0, long stackBytes = DefaultStackBytes)
    {
        var usage = Usage(board, light, heavy, handoffRingBytes, stackBytes);
        var failures = usage.Where(u => !u.Fits).ToList();
        if (failures.Count > 0)
        {
            var lines = failures.Select(u =>
                $"core '{u.Core}' ({u.Path} path) {u.Region} region {u.Range}: needs {u.NeededBytes} bytes " +
                $"({u.Breakdown}), available {u.AvailableBytes} bytes, {u.NeededBytes - u.AvailableBytes} bytes short");
            throw new DslException(DslErrorCode.Board,
                $"{board.FilePath}: the model does not fit board '{board.Name}': " + string.Join("; ", lines) +
                ". Use a smaller model, a board with more memory, or enlarge the region in the profile if the part has more.");
        }

        return usage;
    }

    private static RegionUsage Flash(CoreProfile core, string path, PathFootprint f) =>
        new(core.Id, path, "flash", core.Flash, f.FlashBytes, $"text {f.TextBytes} + rodata {f.RodataBytes}");

    private static RegionUsage Ram(CoreProfile core, string path, PathFootprint f, long ring, long stack)
    {
        var breakdown = $"arena {f.ArenaBytes} + state {f.StateBytes} + bss {f.BssBytes}";
        if (ring > 0)
        {
            breakdown += $" + handoff ring {ring}";
        }

        if (stack > 0)
        {
            breakdown += $" + stack {stack}";
        }

        return new(core.Id, path, "ram", core.Ram, f.RamBytes + ring + stack, breakdown);
    }
}
