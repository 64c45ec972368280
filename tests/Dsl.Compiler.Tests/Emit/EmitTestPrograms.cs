using Dsl.Compiler.Analysis;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Small hand-built <see cref="ModelProgram"/>s: 8-sample frames, a light path with history, LUT,
/// rescale, switch and handoff, and a heavy path whose receptive field is one frame (transposed conv
/// history), so routed heavy output must equal always-heavy output.
/// </summary>
internal static class EmitTestPrograms
{
    public const int FrameSamples = 8;
    private const int Q30 = 1 << 30;

    /// <summary>
    /// The switch score is in[0] / 512 (after an identity-on-positives LUT); threshold 20. The heavy path's
    /// transposed conv (2 -> 1 channels, stride 2) has kernel <paramref name="upKernel"/> (at most 7) and
    /// dilation <paramref name="upDilation"/>.
    /// </summary>
    public static ModelProgram Tiny(
        string name = "tiny",
        RoutingMode mode = RoutingMode.Switch,
        RoundingRule rounding = RoundingRule.Single,
        int historyZeroPoint = 0,
        bool scoreInState = false,
        int upKernel = 4,
        int upDilation = 1)
    {
        BufferSlice Arena(int offset, int bytes) => new(BufferRegion.Arena, offset, bytes);
        BufferSlice State(int offset, int bytes) => new(BufferRegion.State, offset, bytes);

        // Light: state [2 rows int16 history][8 rows int16 frame] (+ 1 byte score copy when scoreInState).
        var lut = Enumerable.Range(-128, 256).Select(v => (sbyte)(v > 0 ? v : v / 2)).ToArray();
        var lightSteps = new List<Step>
        {
            new CopyStep("in_to_history", new BufferSlice(BufferRegion.Input, 0, 16), State(4, 16)),
            new ConvStep("/enc/conv1/Conv", ConvKind.S16S8, 1, 2, 3, 1, 1, 1,
                [0, 0, 64, 16, 32, 16],
                new OutputStage([0, 0], [Q30, Q30], [-14, -14], 0, -128, 127, null),
                State(0, 20), 8, Arena(0, 16)),
            new HistoryShiftStep("/enc/conv1/Conv", State(0, 20), 4, 16),
            new LutStep("/enc/act/Tanh", lut, Arena(0, 16), 16, Arena(16, 16)),
            new RescaleStep("/switch/pick", 0, Q30, 1, 0, Arena(16, 16), 2, 8, 1, Arena(32, 8), 1),
            new CopyStep("handoff", Arena(16, 16), new BufferSlice(BufferRegion.Handoff, 0, 16)),
        };
        if (mode == RoutingMode.Switch)
        {
            lightSteps.Add(new ConvStep("/dec/out/Conv", ConvKind.S8S16, 2, 1, 1, 1, 1, 1, [64, 64],
                new OutputStage([0], [Q30], [3], 0, short.MinValue, short.MaxValue, null),
                Arena(16, 16), 8, new BufferSlice(BufferRegion.Output, 0, 16)));
        }

        var lightState = 20;
        var score = Arena(32, 1);
        if (scoreInState)
        {
            lightSteps.Add(new CopyStep("score_to_state", Arena(32, 1), State(20, 1)));
            lightState = 21;
            score = State(20, 1);
        }

        var light = new PathProgram(PathKind.Light, lightSteps, 40, lightState,
            [new StateInit("/enc/conv1/Conv", 0, 4, 2, historyZeroPoint)]);

        // Heavy: state [history rows x 2 ch tconv history][8 rows x 2 ch handoff] (1 history row by default).
        var upHistory = 2 * ((upKernel - 1) * upDilation / 2);
        sbyte[] upWeights = [8, -4, 16, 8, 32, -8, 4, 12, -16, 24, 8, -12, 20, -4];
        var heavySteps = new List<Step>
        {
            new CopyStep("heavy_in", new BufferSlice(BufferRegion.Handoff, 0, 16), State(upHistory, 16)),
            new ConvTransposeStep("/heavy/up/ConvTranspose", 2, 1, upKernel, 2, upDilation,
                upWeights[..(2 * upKernel)],
                new OutputStage([3, -5], [Q30], [-3], 0, -128, 127, null),
                State(0, upHistory + 16), 8, Arena(0, 16)),
            new HistoryShiftStep("/heavy/up/ConvTranspose", State(0, upHistory + 16), upHistory, 16),
            // Sanitises to the same identifier as the transposed conv: must get a unique name.
            new AddStep("heavy.up.convtranspose", 0, Q30, 0, 0, Q30, 0, 20, Q30, -18, 0, -128, 127, lut,
                Arena(0, 16), null, [7], 0, 16, 1, Arena(16, 16)),
            new MulStep("/heavy/gate/Mul", 0, 0, Q30, -6, 1, -128, 127, null,
                Arena(16, 16), Arena(0, 16), null, 1, 16, 1, Arena(32, 16)),
            new ConvStep("/heavy/down/Conv", ConvKind.S8S16, 1, 1, 2, 2, 1, 1, [64, 64],
                new OutputStage([0], [Q30], [3], 0, short.MinValue, short.MaxValue, null),
                Arena(32, 16), 8, new BufferSlice(BufferRegion.Output, 0, 16)),
        };
        var heavy = new PathProgram(PathKind.Heavy, heavySteps, 48, upHistory + 16,
            upHistory == 0 ? [] : [new StateInit("/heavy/up/ConvTranspose", 0, upHistory, 1, -3)]);

        return new ModelProgram(name, 16000, FrameSamples, mode, rounding, light, heavy,
            HandoffBytes: 16, ReplayFrames: 2, HoldFrames: 1, SwitchScore: score, SwitchThreshold: 20,
            HasLightOutput: mode == RoutingMode.Switch);
    }

    /// <summary>
    /// The smallest shape: no state anywhere, no heavy arena, replay 0 and hold 0; the light conv writes
    /// the arena and the handoff, the heavy conv reads the handoff straight into the output.
    /// </summary>
    public static ModelProgram Minimal()
    {
        const int q30 = 1 << 30;
        var light = new PathProgram(PathKind.Light,
        [
            new ConvStep("enc", ConvKind.S16S8, 1, 1, 1, 1, 1, 1, [64],
                new OutputStage([0], [q30], [-14], 0, -128, 127, null),
                new BufferSlice(BufferRegion.Input, 0, 16), 8, new BufferSlice(BufferRegion.Arena, 0, 8)),
            new CopyStep("handoff", new BufferSlice(BufferRegion.Arena, 0, 8), new BufferSlice(BufferRegion.Handoff, 0, 8)),
        ], 8, 0, []);
        var heavy = new PathProgram(PathKind.Heavy,
        [
            new ConvStep("dec", ConvKind.S8S16, 1, 1, 1, 1, 1, 1, [64],
                new OutputStage([0], [q30], [3], 0, short.MinValue, short.MaxValue, null),
                new BufferSlice(BufferRegion.Handoff, 0, 8), 8, new BufferSlice(BufferRegion.Output, 0, 16)),
        ], 0, 0, []);
        return new ModelProgram("minimal", 8000, FrameSamples, RoutingMode.Gate, RoundingRule.Single, light, heavy,
            HandoffBytes: 8, ReplayFrames: 0, HoldFrames: 0, SwitchScore: new BufferSlice(BufferRegion.Arena, 7, 1),
            SwitchThreshold: -128, HasLightOutput: false);
    }

    /// <summary>Kernel sources the tiny program needs (dsl_fill_s8: ring and state reset).</summary>
    public static readonly string[] TinyKernels =
    [
        "dsl_add_s8", "dsl_conv1d_s16_s8", "dsl_conv1d_s8", "dsl_conv1d_s8_s16", "dsl_copy_bytes",
        "dsl_fill_s8", "dsl_history_shift", "dsl_lut_s8", "dsl_mul_s8", "dsl_rescale_s8",
    ];
}
