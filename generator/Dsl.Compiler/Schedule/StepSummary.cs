using System.Globalization;

namespace Dsl.Compiler.Schedule;

/// <summary>
/// What a profile row says about one step: its operation (the runtime kernel family, without the
/// <c>dsl_</c> prefix), the graph node, a short shape and its multiply-accumulates per call (counted
/// like the report's per-layer MACs: convolutions and Mul; the other steps have none).
/// </summary>
/// <param name="Index">0-based position in its path (the step number of the profiling hooks).</param>
/// <param name="Op">e.g. <c>conv1d_s8</c>, <c>conv_transpose1d_s8</c>, <c>add_s8</c>, <c>history_shift</c>.</param>
/// <param name="Node">Graph node the step belongs to.</param>
/// <param name="Shape">e.g. <c>8-&gt;8 k7 d9, 320 rows</c>.</param>
/// <param name="Macs">Multiply-accumulates per call.</param>
public sealed record StepSummary(int Index, string Op, string Node, string Shape, long Macs)
{
    /// <summary>The steps of <paramref name="path"/>, in execution order.</summary>
    public static IReadOnlyList<StepSummary> Of(PathProgram path) =>
        path.Steps.Select((s, i) => Of(s, i)).ToList();

    /// <summary>The summary of <paramref name="step"/> at <paramref name="index"/>.</summary>
    public static StepSummary Of(Step step, int index)
    {
        var c = CultureInfo.InvariantCulture;
        return step switch
        {
            ConvStep s => new(index, "conv1d" + Suffix(s.Kind),
                s.Node,
                string.Create(c, $"{s.InChannels}->{s.OutChannels} k{s.Kernel}{Opt("s", s.Stride)}{Opt("d", s.Dilation)}{Opt("g", s.Groups)}, {s.OutRows} rows"),
                (long)s.OutRows * s.OutChannels * s.Kernel * (s.InChannels / s.Groups)),
            ConvTransposeStep s => new(index, "conv_transpose1d" + Suffix(s.Kind), s.Node,
                string.Create(c, $"{s.InChannels}->{s.OutChannels} k{s.Kernel}{Opt("s", s.Stride)}{Opt("d", s.Dilation)}, {s.InRows} in rows"),
                (long)s.InRows * s.OutChannels * s.Kernel * s.InChannels),
            AddStep s => new(index, s.ElementBytes == 2 ? "add_s16" : "add_s8", s.Node, Elementwise(s.Rows, s.Channels, s.BRowStride), 0),
            MulStep s => new(index, s.ElementBytes == 2 ? "mul_s16" : "mul_s8", s.Node, Elementwise(s.Rows, s.Channels, s.BRowStride), (long)s.Rows * s.Channels),
            LutStep s => new(index, "lut_s8", s.Node, string.Create(c, $"{s.Count}"), 0),
            CurveStep s => new(index, "curve_s16", s.Node, string.Create(c, $"{s.Count}"), 0),
            RescaleStep s => new(index, (s.InElementBytes, s.OutElementBytes) switch { (1, 2) => "rescale_s8_s16", (2, 1) => "rescale_s16_s8", (2, 2) => "rescale_s16", _ => "rescale_s8" }, s.Node, string.Create(c, $"{s.Rows}x{s.Channels}"), 0),
            CopyStep s => new(index, "copy_bytes", s.Node, string.Create(c, $"{s.Source.Bytes} B"), 0),
            HistoryShiftStep s => new(index, "history_shift", s.Node, string.Create(c, $"{s.HistoryBytes}+{s.NewBytes} B"), 0),
            _ => new(index, step.GetType().Name, step.Node, "", 0),
        };
    }

    // The runtime kernel suffix of a conv kind (dsl_conv1d_s8, dsl_conv_transpose1d_s16_s8, ...).
    private static string Suffix(ConvKind kind) => kind switch
    {
        ConvKind.S16S8 => "_s16_s8",
        ConvKind.S8S16 => "_s8_s16",
        ConvKind.S16S16 => "_s16_s16",
        _ => "_s8",
    };

    // Stride, dilation, groups: shown only when not 1.
    private static string Opt(string prefix, int value) =>
        value == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" {prefix}{value}");

    private static string Elementwise(int rows, int channels, int bRowStride) =>
        string.Create(CultureInfo.InvariantCulture, $"{rows}x{channels}{(bRowStride == 0 ? " (b broadcast)" : "")}");
}
