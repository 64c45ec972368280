using System.Text;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Turns one path's steps into C: one kernel call per step, in order, its static params struct and
/// its constant arrays. Sizes are checked against the step's shape so a bad plan fails here, not on
/// the target.
/// </summary>
internal sealed class PathCoder
{
    private readonly string _model;
    private readonly CSymbols _symbols;
    private readonly SliceExpr _slices;
    private readonly ConvSpecialisation _specialisation;
    private readonly RoundingRule _rounding;
    private readonly WeightLayoutPlan _layout;
    private readonly List<CStep> _steps = [];
    private readonly List<CSpecialisedStep> _specialised = [];
    private readonly List<CArray> _arrays = [];
    private readonly List<string> _reset = [];
    private readonly SortedSet<string> _kernels = new(StringComparer.Ordinal);

    private PathCoder(string model, CSymbols symbols, SliceExpr slices, ConvSpecialisation specialisation, RoundingRule rounding,
        WeightLayoutPlan layout)
    {
        _rounding = rounding;
        _layout = layout;
        _model = model;
        _symbols = symbols;
        _slices = slices;
        _specialisation = specialisation;
    }

    public static PathCode Code(PathProgram path, string model, CSymbols symbols, SliceExpr slices, ConvSpecialisation specialisation,
        RoundingRule rounding, WeightLayoutPlan layout)
    {
        var coder = new PathCoder(model, symbols, slices, specialisation, rounding, layout);
        foreach (var step in path.Steps)
            coder.Add(step);
        var stepRegions = new SortedSet<BufferRegion>(slices.Used);
        foreach (var init in path.StateInits)
            coder.Init(init);
        return new PathCode(coder._steps, coder._specialised, coder._arrays, coder._reset, coder._kernels, stepRegions);
    }

    private void Add(Step step)
    {
        switch (step)
        {
            case ConvStep s: Conv(s, _specialisation.Applies(s)); break;
            case ConvTransposeStep s: ConvTranspose(s); break;
            case AddStep s: Add(s); break;
            case MulStep s: Mul(s); break;
            case LutStep s: Lut(s); break;
            case CurveStep s: Curve(s); break;
            case RescaleStep s: Rescale(s); break;
            case CopyStep s: Copy(s); break;
            case HistoryShiftStep s: HistoryShift(s); break;
            default: throw _slices.Invalid(step.Node, $"step type {step.GetType().Name} has no C emission");
        }
    }

    /// <param name="specialise">Whether the step gets a function of its own (the rule applied to the step as the
    /// program has it: a transposed conv emitted as a convolution keeps its own rule).</param>
    private void Conv(ConvStep s, bool specialise)
    {
        Require(s.Node, s is { InChannels: > 0, OutChannels: > 0, Kernel: > 0, Stride: > 0, Dilation: > 0, Groups: > 0, OutRows: > 0 }
                        && s.InChannels % s.Groups == 0 && s.OutChannels % s.Groups == 0,
            "conv shape must be positive with channels divisible by groups");
        var (kernel, body, inElement, outElement) = s.Kind switch
        {
            ConvKind.S8 => ("dsl_conv1d_s8", CKernelBody.Conv1dS8, SliceExpr.Element.S8, SliceExpr.Element.S8),
            ConvKind.S16S8 => ("dsl_conv1d_s16_s8", CKernelBody.Conv1dS16S8, SliceExpr.Element.S16, SliceExpr.Element.S8),
            ConvKind.S8S16 => ("dsl_conv1d_s8_s16", CKernelBody.Conv1dS8S16, SliceExpr.Element.S8, SliceExpr.Element.S16),
            ConvKind.S16S16 => ("dsl_conv1d_s16_s16", CKernelBody.Conv1dS16S16, SliceExpr.Element.S16, SliceExpr.Element.S16),
            _ => throw _slices.Invalid(s.Node, $"unknown conv kind {s.Kind}"),
        };
        var int16Out = s.Kind is ConvKind.S8S16 or ConvKind.S16S16;
        var sym = _symbols.Allocate(s.Node);
        Require(s.Node, s.Weights.Length == s.OutChannels * s.Kernel * (s.InChannels / s.Groups),
            "weights must be out_channels x kernel x in_channels / groups");
        // The dsp pairs4 layout (chosen per board): int32 words behind the params' int8 pointer, read by its own body.
        var pairs4 = _layout.Pairs4(s.Node) && specialise && DspPairedWeights.Fits(s);
        if (pairs4)
            body = s.Kind switch
            {
                ConvKind.S8 => CKernelBody.Conv1dS8Pairs4,
                ConvKind.S8S16 => CKernelBody.Conv1dS8S16Pairs4,
                ConvKind.S16S8 => CKernelBody.Conv1dS16S8Pairs4,
                _ => CKernelBody.Conv1dS16S16Pairs4,
            };
        var weights = pairs4
            ? "(const int8_t *)(const void *)" + Array(s.Node, sym, "w", "int32_t", DspPairedWeights.Words(s, _rounding), DspPairedWeights.WordCount(s))
            : Array(s.Node, sym, "w", "int8_t", s.Weights, s.OutChannels * s.Kernel * (s.InChannels / s.Groups));
        var stage = Stage(s.Node, sym, s.Stage, s.OutChannels, s.OutChannels, int16Out);
        var inRows = (s.OutRows - 1) * s.Stride + (s.Kernel - 1) * s.Dilation + 1;
        var input = _slices.Read(s.Node, s.Input, inElement, inRows * s.InChannels * Size(inElement));
        var output = _slices.Write(s.Node, s.Output, outElement, s.OutRows * s.OutChannels * Size(outElement));

        var p = $"static const dsl_conv1d_params_t {sym}_params = {{\n"
                + Field("in_channels", s.InChannels) + Field("out_channels", s.OutChannels) + Field("kernel", s.Kernel)
                + Field("stride", s.Stride) + Field("dilation", s.Dilation) + Field("groups", s.Groups)
                + Field("weights", weights) + stage + "};\n";
        if (specialise)
            EmitSpecialised(body, s.Node, sym, p, s.OutRows, [s.InChannels, s.OutChannels, s.Kernel, s.Stride, s.Dilation, s.Groups],
                CStageForm.For(s.Stage, _rounding, int16Out), input, output);
        else
            Emit(kernel, s.Node, p, $"{kernel}(&{sym}_params, {input}, {CText.Int(s.OutRows)}, {output});");
    }

    private void ConvTranspose(ConvTransposeStep s)
    {
        Require(s.Node, s is { InChannels: > 0, OutChannels: > 0, Kernel: > 0, Stride: > 0, Dilation: > 0, InRows: > 0 },
            "transposed conv shape must be positive");
        if (TransposedConvAsConv.Applies(s))
        {
            Conv(TransposedConvAsConv.Equivalent(s), _specialisation.Applies(s));
            return;
        }

        Require(s.Node, s.Weights.Length == s.OutChannels * s.Kernel * s.InChannels,
            $"w has {s.Weights.Length} values, the step's shape needs {s.OutChannels * s.Kernel * s.InChannels}");
        var sym = _symbols.Allocate(s.Node);
        // Phase-major, as the kernel reads them (dsl_kernels.h); the step keeps the tap layout.
        var weights = Array(s.Node, sym, "w", "int8_t",
            TransposedConvLayout.PhaseMajor(s.Weights, s.OutChannels, s.Kernel, s.InChannels, s.Stride, s.Dilation),
            s.OutChannels * s.Kernel * s.InChannels);
        // Bias is [stride][out_channels]: the input zero point is folded per output phase.
        var (kernel, inElement, outElement) = s.Kind switch
        {
            ConvKind.S8 => ("dsl_conv_transpose1d_s8", SliceExpr.Element.S8, SliceExpr.Element.S8),
            ConvKind.S16S8 => ("dsl_conv_transpose1d_s16_s8", SliceExpr.Element.S16, SliceExpr.Element.S8),
            ConvKind.S8S16 => ("dsl_conv_transpose1d_s8_s16", SliceExpr.Element.S8, SliceExpr.Element.S16),
            ConvKind.S16S16 => ("dsl_conv_transpose1d_s16_s16", SliceExpr.Element.S16, SliceExpr.Element.S16),
            _ => throw _slices.Invalid(s.Node, $"unknown transposed conv kind {s.Kind}"),
        };
        var stage = Stage(s.Node, sym, s.Stage, s.Stride * s.OutChannels, s.OutChannels, int16Out: outElement == SliceExpr.Element.S16);
        var history = (s.Kernel - 1) * s.Dilation / s.Stride;
        var input = _slices.Read(s.Node, s.Input, inElement, (history + s.InRows) * s.InChannels * Size(inElement));
        var output = _slices.Write(s.Node, s.Output, outElement, s.InRows * s.Stride * s.OutChannels * Size(outElement));

        var p = $"static const dsl_conv_transpose1d_params_t {sym}_params = {{\n"
                + Field("in_channels", s.InChannels) + Field("out_channels", s.OutChannels) + Field("kernel", s.Kernel)
                + Field("stride", s.Stride) + Field("dilation", s.Dilation)
                + Field("weights", weights) + stage + "};\n";
        if (_specialisation.Applies(s))
            EmitSpecialised(CKernelBody.ConvTranspose1dS8, s.Node, sym, p, s.InRows, [s.InChannels, s.OutChannels, s.Kernel, s.Stride, s.Dilation],
                CStageForm.For(s.Stage, _rounding, int16Out: false), input, output);
        else
            Emit(kernel, s.Node, p, $"{kernel}(&{sym}_params, {input}, {CText.Int(s.InRows)}, {output});");
    }

    private void Add(AddStep s)
    {
        var sym = _symbols.Allocate(s.Node);
        var (a, b, output) = Elementwise(s.Node, sym, s.A, s.B, s.ConstantB, s.ConstantB16, s.ElementBytes, s.BRowStride, s.Rows, s.Channels, s.Output);
        var p = $"static const dsl_add_params_t {sym}_params = {{\n"
                + Field("a_zero_point", s.AZeroPoint) + Field("a_multiplier", s.AMultiplier) + Field("a_shift", s.AShift)
                + Field("b_zero_point", s.BZeroPoint) + Field("b_multiplier", s.BMultiplier) + Field("b_shift", s.BShift)
                + Field("left_shift", s.LeftShift)
                + Field("out_multiplier", s.OutMultiplier) + Field("out_shift", s.OutShift)
                + Field("out_zero_point", s.OutZeroPoint) + Field("act_min", s.ActMin) + Field("act_max", s.ActMax)
                + Field("lut", OptionalLut(s.Node, sym, s.Lut)) + "};\n";
        if (s.ElementBytes == 2)
            Emit("dsl_add_s16", s.Node, p,
                $"dsl_add_s16(&{sym}_params, {a}, {b}, {CText.Int(s.BRowStride)}, {CText.Int(s.Rows)}, {CText.Int(s.Channels)}, {output});");
        else if (_specialisation.MaxChannels > 0)
            EmitSpecialisedAdd(s, sym, p, a, b, output);
        else
            Emit("dsl_add_s8", s.Node, p,
                $"dsl_add_s8(&{sym}_params, {a}, {b}, {CText.Int(s.BRowStride)}, {CText.Int(s.Rows)}, {CText.Int(s.Channels)}, {output});");
    }

    /// <summary>
    /// Every add is specialised unless nothing is (<see cref="ConvSpecialisation.None"/>): its code is small, and a function
    /// of its own with shape and form (<see cref="CAddForm"/>) as constants drops the library kernel's run-time choice.
    /// </summary>
    private void EmitSpecialisedAdd(AddStep s, string sym, string parameters, string a, string b, string output)
    {
        var form = CAddForm.For(s, _rounding);
        var function = $"{sym}_step";
        var code = CTemplates.Render("add_step_c", new Dictionary<string, object>
        {
            ["comment"] = CText.Comment(s.Node), ["function"] = function, ["params"] = $"{sym}_params",
            ["b_row_stride"] = CText.Int(s.BRowStride), ["rows"] = CText.Int(s.Rows), ["channels"] = CText.Int(s.Channels),
            ["ka"] = CText.Int(form.Ka), ["kb"] = CText.Int(form.Kb), ["form"] = form.Flags,
        });
        _steps.Add(new CStep(CText.Comment(s.Node), parameters + code, $"{function}({a}, {b}, {output});"));
    }

    private void Mul(MulStep s)
    {
        var sym = _symbols.Allocate(s.Node);
        var (a, b, output) = Elementwise(s.Node, sym, s.A, s.B, s.ConstantB, s.ConstantB16, s.ElementBytes, s.BRowStride, s.Rows, s.Channels, s.Output);
        var p = $"static const dsl_mul_params_t {sym}_params = {{\n"
                + Field("a_zero_point", s.AZeroPoint) + Field("b_zero_point", s.BZeroPoint)
                + Field("multiplier", s.Multiplier) + Field("shift", s.Shift) + Field("out_zero_point", s.OutZeroPoint)
                + Field("act_min", s.ActMin) + Field("act_max", s.ActMax)
                + Field("lut", OptionalLut(s.Node, sym, s.Lut)) + "};\n";
        var kernel = s.ElementBytes == 2 ? "dsl_mul_s16" : "dsl_mul_s8";
        Emit(kernel, s.Node, p,
            $"{kernel}(&{sym}_params, {a}, {b}, {CText.Int(s.BRowStride)}, {CText.Int(s.Rows)}, {CText.Int(s.Channels)}, {output});");
    }

    /// <summary>Operands of add / mul: B is a region slice or a constant array, one row when BRowStride is 0.</summary>
    private (string A, string B, string Output) Elementwise(string node, string sym, BufferSlice a, BufferSlice? b,
        sbyte[]? constantB, short[]? constantB16, int elementBytes, int bRowStride, int rows, int channels, BufferSlice output)
    {
        Require(node, rows > 0 && channels > 0, "rows and channels must be positive");
        Require(node, bRowStride == 0 || bRowStride == channels, "BRowStride must be 0 (broadcast) or Channels");
        Require(node, elementBytes is 1 or 2, "element size must be 1 or 2 bytes");
        var constant = elementBytes == 2
            ? constantB16 is null ? null : System.Array.ConvertAll(constantB16, v => (int)v)
            : constantB is null ? null : System.Array.ConvertAll(constantB, v => (int)v);
        Require(node, (b is null) != (constant is null), "exactly one of B and the constant B of the step's type must be given");
        var element = elementBytes == 2 ? SliceExpr.Element.S16 : SliceExpr.Element.S8;
        var count = bRowStride == 0 ? channels : rows * channels;
        var bExpr = constant is not null
            ? Array(node, sym, "b", elementBytes == 2 ? "int16_t" : "int8_t", constant, count)
            : _slices.Read(node, b!, element, count * elementBytes);
        return (_slices.Read(node, a, element, rows * channels * elementBytes), bExpr,
            _slices.Write(node, output, element, rows * channels * elementBytes));
    }

    private void Lut(LutStep s)
    {
        Require(s.Node, s.Count > 0, "Count must be positive");
        var sym = _symbols.Allocate(s.Node);
        var lut = Array(s.Node, sym, "lut", "int8_t", s.Lut, 256);
        var input = _slices.Read(s.Node, s.Input, SliceExpr.Element.S8, s.Count);
        var output = _slices.Write(s.Node, s.Output, SliceExpr.Element.S8, s.Count);
        Emit("dsl_lut_s8", s.Node, "", $"dsl_lut_s8({lut}, {input}, {CText.Int(s.Count)}, {output});");
    }

    private void Curve(CurveStep s)
    {
        Require(s.Node, s.Count > 0, "Count must be positive");
        var sym = _symbols.Allocate(s.Node);
        var table = Array(s.Node, sym, "curve", "int16_t", System.Array.ConvertAll(s.Table, v => (int)v), s.Table.Length);
        var input = _slices.Read(s.Node, s.Input, SliceExpr.Element.S16, s.Count);
        var output = _slices.Write(s.Node, s.Output, SliceExpr.Element.S16, s.Count);
        Emit("dsl_curve_s16", s.Node, "", $"dsl_curve_s16({table}, {input}, {CText.Int(s.Count)}, {output});");
    }

    private void Rescale(RescaleStep s)
    {
        Require(s.Node, s is { Rows: > 0, Channels: > 0, InRowStride: >= 0, OutRowStride: >= 0 },
            "rows and channels must be positive, strides not negative");
        Require(s.Node, s is { InElementBytes: 1 or 2, OutElementBytes: 1 or 2 }, "element sizes must be 1 or 2 bytes");
        Require(s.Node, s.Multiplier != 0 || s.InElementBytes == s.OutElementBytes, "a plain copy (multiplier 0) needs one element type");
        var sym = _symbols.Allocate(s.Node);
        var inElement = s.InElementBytes == 2 ? SliceExpr.Element.S16 : SliceExpr.Element.S8;
        var outElement = s.OutElementBytes == 2 ? SliceExpr.Element.S16 : SliceExpr.Element.S8;
        var input = _slices.Read(s.Node, s.Input, inElement, ((s.Rows - 1) * s.InRowStride + s.Channels) * s.InElementBytes);
        var output = _slices.Write(s.Node, s.Output, outElement, ((s.Rows - 1) * s.OutRowStride + s.Channels) * s.OutElementBytes);
        var kernel = (s.InElementBytes, s.OutElementBytes) switch
        {
            (1, 1) => "dsl_rescale_s8",
            (1, 2) => "dsl_rescale_s8_s16",
            (2, 1) => "dsl_rescale_s16_s8",
            _ => "dsl_rescale_s16",
        };
        var p = $"static const dsl_rescale_params_t {sym}_params = {{\n"
                + Field("in_zero_point", s.InZeroPoint) + Field("multiplier", s.Multiplier) + Field("shift", s.Shift)
                + Field("out_zero_point", s.OutZeroPoint) + "};\n";
        Emit(kernel, s.Node, p,
            $"{kernel}(&{sym}_params, {input}, {CText.Int(s.InRowStride)}, {CText.Int(s.Rows)}, "
            + $"{CText.Int(s.Channels)}, {output}, {CText.Int(s.OutRowStride)});");
    }

    private void Copy(CopyStep s)
    {
        // Source.Bytes is the count; the destination must hold it.
        var source = _slices.Read(s.Node, s.Source, SliceExpr.Element.Byte, s.Source.Bytes);
        var destination = _slices.Write(s.Node, s.Destination, SliceExpr.Element.Byte, s.Source.Bytes);
        Emit("dsl_copy_bytes", s.Node, "", $"dsl_copy_bytes({destination}, {source}, {CText.Int(s.Source.Bytes)});");
    }

    private void HistoryShift(HistoryShiftStep s)
    {
        Require(s.Node, s is { HistoryBytes: >= 0, NewBytes: >= 0 }, "byte counts must not be negative");
        var buffer = _slices.Write(s.Node, s.Buffer, SliceExpr.Element.Byte, s.HistoryBytes + s.NewBytes);
        Emit("dsl_history_shift", s.Node, "",
            $"dsl_history_shift({buffer}, {CText.Int(s.HistoryBytes)}, {CText.Int(s.NewBytes)});");
    }

    /// <summary>Reset: a history buffer holds its tensor's zero point (the quantized 0.0).</summary>
    private void Init(StateInit init)
    {
        var node = "state init " + init.Node;
        var slice = new BufferSlice(BufferRegion.State, init.Offset, init.Bytes);
        var comment = $"    /* {CText.Comment(init.Node)} */\n";
        if (init.ElementBytes == 1)
        {
            Require(node, init.ZeroPoint is >= sbyte.MinValue and <= sbyte.MaxValue, "int8 zero point out of range");
            var p = _slices.Write(node, slice, SliceExpr.Element.S8, init.Bytes);
            _reset.Add(comment + $"    dsl_fill_s8({p}, {CText.Int(init.ZeroPoint)}, {CText.Int(init.Bytes)});\n");
            _kernels.Add("dsl_fill_s8");
            return;
        }

        Require(node, init.ElementBytes == 2 && init.Bytes % 2 == 0, "element size must be 1 or 2 bytes, the size a multiple of it");
        Require(node, init.ZeroPoint is >= short.MinValue and <= short.MaxValue, "int16 zero point out of range");
        var low = init.ZeroPoint & 0xFF;
        if (low == ((init.ZeroPoint >> 8) & 0xFF))
        {
            // Both bytes of the int16 are equal (0 for PCM): a byte fill gives it on any endianness.
            var p = _slices.Write(node, slice, SliceExpr.Element.S8, init.Bytes);
            _reset.Add(comment + $"    dsl_fill_s8({p}, {CText.Int((sbyte)low)}, {CText.Int(init.Bytes)});\n");
            _kernels.Add("dsl_fill_s8");
            return;
        }

        // Not a byte pattern, so gcc cannot turn this loop into a memset call (no libc).
        var q = _slices.Write(node, slice, SliceExpr.Element.S16, init.Bytes);
        _reset.Add(comment + "    {\n"
                   + $"        int16_t *const p = {q};\n"
                   + "        int32_t i;\n"
                   + $"        for (i = 0; i < {CText.Int(init.Bytes / 2)}; i++) p[i] = {CText.Int(init.ZeroPoint)};\n"
                   + "    }\n");
    }

    /// <summary>The dsl_output_stage_t initializer (nested <c>.stage</c> field) and its arrays.</summary>
    private string Stage(string node, string sym, OutputStage stage, int biasLength, int outChannels, bool int16Out)
    {
        Require(node, !int16Out || stage.Lut is null, "an int16 output stage cannot have a LUT");
        var bias = Array(node, sym, "bias", "int32_t", stage.Bias, biasLength);
        var multiplier = Array(node, sym, "mult", "int32_t", stage.Multiplier, outChannels);
        var shift = Array(node, sym, "shift", "int32_t", stage.Shift, outChannels);
        var lut = OptionalLut(node, sym, stage.Lut);
        return "    .stage = {\n"
               + "    " + Field("bias", bias) + "    " + Field("multiplier", multiplier) + "    " + Field("shift", shift)
               + "    " + Field("out_zero_point", stage.OutZeroPoint)
               + "    " + Field("act_min", stage.ActMin) + "    " + Field("act_max", stage.ActMax)
               + "    " + Field("lut", lut) + "    },\n";
    }

    private string OptionalLut(string node, string sym, sbyte[]? lut) =>
        lut is null ? "0" : Array(node, sym, "lut", "int8_t", lut, 256);

    private string Array(string node, string sym, string suffix, string type, sbyte[] values, int length) =>
        Array(node, sym, suffix, type, System.Array.ConvertAll(values, v => (int)v), length);

    /// <summary>Adds <c>model_sym_suffix</c> to the weights file and returns its name.</summary>
    private string Array(string node, string sym, string suffix, string type, int[] values, int length)
    {
        Require(node, values.Length == length, $"{suffix} has {values.Length} values, the step's shape needs {length}");
        var name = $"{_model}_{sym}_{suffix}";
        _arrays.Add(new CArray(type, name, length, CText.ArrayBody(values)));
        return name;
    }

    private void Emit(string kernel, string node, string parameters, string call)
    {
        _kernels.Add(kernel);
        _steps.Add(new CStep(CText.Comment(node), parameters, call));
    }

    /// <summary>A step with its own function (specialised_c.scriban); the library kernel is not needed for it.</summary>
    private void EmitSpecialised(CKernelBody body, string node, string sym, string parameters, int rows, int[] shape,
        string form, string input, string output)
    {
        var function = $"{sym}_step";
        _specialised.Add(new CSpecialisedStep(CText.Comment(node), function, body, $"{sym}_params", rows, shape, form));
        _steps.Add(new CStep(CText.Comment(node), parameters, $"{function}({input}, {output});"));
    }

    private static string Field(string name, int value) => Field(name, CText.Int(value));

    private static string Field(string name, string value) => $"    .{name} = {value},\n";

    private static int Size(SliceExpr.Element element) => element == SliceExpr.Element.S16 ? 2 : 1;

    private void Require(string node, bool condition, string message)
    {
        if (!condition) throw _slices.Invalid(node, message);
    }
}
