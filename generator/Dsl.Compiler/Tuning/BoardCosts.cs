using Dsl.Compiler.Boards;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tuning;

/// <summary>
/// Prices a routing point on a board: the model's per-path instructions per kernel variant (<see cref="CandidateCost.Of"/>
/// on the shipped <see cref="KernelCostTable"/>) through <see cref="RealTimeReport.Build"/>, so loads and power are
/// the real-time report's, at the point's heavy calls per frame.
/// </summary>
public sealed class BoardCosts
{
    private readonly ModelProgram program;
    private readonly IReadOnlyList<VariantInstructions> instructions;

    public BoardCosts(BoardProfile board, ModelProgram program, KernelCostTable table)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(program);
        Board = board;
        this.program = program;
        instructions = CandidateCost.Of(program, table).Instructions;
        HeavyVariant = instructions.First(i => i.Variant == EmulatedCoreClass.Name(board.Heavy.KernelVariant));
    }

    public BoardProfile Board { get; }

    /// <summary>The light frame and one heavy call in the kernel variant of the heavy core.</summary>
    public VariantInstructions HeavyVariant { get; }

    /// <summary>Frames per second.</summary>
    public double FrameRate => (double)program.SampleRate / program.FrameSamples;

    public PointLoad Of(RouteProfile routes, int replayFrames)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RealTimeReport report = RealTimeReport.Build(Board, instructions, routes, program.SampleRate, program.FrameSamples, replayFrames);
        CoreLoad heavy = report.Cores.First(c => c.Core == Board.HeavyCore);
        return new PointLoad(routes.MeanCalls * HeavyVariant.Heavy * FrameRate, heavy.MeanPercent,
            report.Cores.Select(c => new CorePercent(c.Core, c.MeanPercent)).ToList(), report.Total?.Routed);
    }
}
