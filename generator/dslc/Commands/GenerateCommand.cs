using Dsl.Cli.Verbs;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Emit.NanoFramework;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Output;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Plots;
using Dsl.Compiler.Precision;
using Dsl.Compiler.Reporting;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Toolchain;

namespace Dsl.Cli.Commands;

/// <summary>
/// dslc generate: model C, kernels, report and (with --board) per-core build glue, checked to fit
/// the board. Everything is written to a staging folder that replaces the output only on success.
/// </summary>
public static class GenerateCommand
{
    public static int Run(GenerateOptions o)
    {
        Action<string> info = CommandSupport.Info(o.Quiet);
        BoardProfile? board = o.Board is null ? null : CommandSupport.Board(o.Board);
        if (board is not null && o.Variant is not null)
        {
            throw new DslException(DslErrorCode.Usage, "--variant: the board profile sets the kernel variant; drop --variant or --board");
        }

        if (board is null && o.WithStartup)
        {
            throw new DslException(DslErrorCode.Usage, "--with-startup: the startup file and linker script are per core of a board; add --board");
        }

        DslManifest manifest = CommandSupport.Manifest(o.Model);
        OutputFolder output = OutputFolder.Claim(o.Out ?? Path.Combine("out", manifest.CName), CommandSupport.Inputs(o, manifest, board?.FilePath), "-o", o.Force);
        CompiledModel model = CommandSupport.Compile(o, info, Path.Combine(output.Path, PrecisionJson.FileName));
        PrecisionLines.Summary(model, Console.WriteLine);
        // Each path in the variant of the core that runs it (docs/two-cores.md); without a board, --variant for both.
        PathVariants variants = board is null ? PathVariants.Uniform(CommandSupport.Variant(o.Variant)) : PathVariants.Of(board);
        if (board is null && o.StrictDeadline)
        {
            throw new DslException(DslErrorCode.Usage, "--strict-deadline: the frame deadline is checked on a board; add --board");
        }

        // Before anything is written: with --strict-deadline a missed deadline leaves the output folder as it was.
        // One golden light-path run serves the real-time report and the heavy-cost check (test audio only) and the routing plots.
        (RoutingTrace? routing, bool isTestAudio, string skipped) = RoutingAudio.Trace(model, o.Calibration);
        RoutingTrace? testRouting = isTestAudio ? routing : null;
        RealTimeReport? realTime = board is null ? null : RealTimeCheck.Run(model, board, o.StrictDeadline, info, testRouting);
        HeavyCostGuarantee cost = HeavyCostGuarantee.Of(model.Program,
            realTime?.Routes ?? (testRouting is null ? null : RouteProfile.Of(testRouting, model.Program.HoldFrames, model.Program.ReplayFrames)));
        if (cost.Warning is { } warning)
        {
            Console.Error.WriteLine($"dslc: warning: {warning}"); // not through info: -q never hides a warning
        }

        Generate(model, output, board, variants, info, fitCheck: !o.NoFitCheck, realTime: realTime, heavyCost: cost,
            routingSection: folder => RoutingPlots.Write(routing, folder, skipped), withStartup: o.WithStartup,
            nanoFramework: o.NanoFramework);
        Console.WriteLine($"generated {model.Program.Name} into {output.Path}");
        return 0;
    }

    /// <summary>Writes everything for <paramref name="board"/> (or none) into <paramref name="output"/>.</summary>
    /// <param name="layoutBoard">The board whose flash bounds the weight layouts when <paramref name="board"/> is null
    /// (bench and validate build their firmware themselves); neither: every candidate layer widened.</param>
    /// <param name="realTime">The board's real-time and energy estimate (<see cref="RealTimeCheck"/>): a section of report.md and real_time in report.json.</param>
    /// <param name="heavyCost">Routed heavy compute against always-heavy (measured by <see cref="Run"/>); null: report.md states the
    /// policy's guarantee without a measurement.</param>
    /// <param name="nanoFramework">Also write the nanoFramework binding (<see cref="NanoFrameworkEmitter"/>).</param>
    /// <param name="routingSection">Writes the routing plots into the folder it is given and returns report.md's
    /// "Routing" section (<see cref="RoutingPlots"/>); none: no section.</param>
    /// <param name="withStartup">With a board: each core's startup file too (<c>--with-startup</c>).</param>
    public static ModelReport Generate(CompiledModel model, OutputFolder output, BoardProfile? board, PathVariants variants, Action<string> info, bool fitCheck = true,
        BoardProfile? layoutBoard = null, RealTimeReport? realTime = null, HeavyCostGuarantee? heavyCost = null, Func<string, string>? routingSection = null,
        bool withStartup = false, bool nanoFramework = false)
    {
        RepoLayout repo = RepoLayout.Find();
        string staging = output.NewStaging();
        try
        {
            var emit = EmitOptions.For(repo.RuntimeDir, variants, WeightLayoutPlan.Choose(model.Program, variants, board ?? layoutBoard));
            IReadOnlyList<string> emitted = CEmitter.Emit(model.Program, staging, emit);
            if (nanoFramework)
            {
                NanoFrameworkEmitter.Emit(model.Program, staging, emitted);
            }

            ModelReport report = ModelReport.From(model, emit.SpecialisationRule, emit.LayoutPlan, emit.HeavySpecialisationRule) with { RealTime = realTime };
            File.WriteAllText(Path.Combine(staging, "report.json"), ReportWriter.ToJson(report));
            File.WriteAllText(Path.Combine(staging, "report.md"), ReportWriter.ToMarkdown(report)
                + (heavyCost ?? HeavyCostGuarantee.Of(model.Program, null)).ToMarkdown()
                + (realTime is null ? "" : RealTimeSection.ToMarkdown(realTime))
                + (model.Precision is { } p ? PrecisionSection.ToMarkdown(p, model.Quantization.Headroom) : "")
                + (routingSection?.Invoke(staging) ?? ""));
            if (model.Precision is not null)
            {
                File.WriteAllText(Path.Combine(staging, PrecisionJson.FileName), PrecisionJson.ToJson(model.Precision));
            }

            if (board is not null)
            {
                ModelFolder folder = ModelFolder.Load(staging, model.Program.Name);
                BoardGeneration generated = BoardGenerator.Generate(board, folder, Path.Combine(staging, "boards", board.Name), repo, fitCheck, withStartup);
                if (generated.LinkCheckSkippedBecause is { } why)
                {
                    // Not through info: a skipped verdict is never hidden by -q.
                    Console.Error.WriteLine($"dslc: warning: the memory fit on '{board.Name}' was not checked ({why}, --no-fit-check)");
                }

                foreach (CoreImage image in generated.Images)
                {
                    info($"{board.Name}/{image.Core} ({image.Role}): .text {image.Sizes.Text} B, .rodata {image.Sizes.Rodata} B, .data {image.Sizes.Data} B, .bss {image.Sizes.Bss} B{SharedBytes(image.Sizes)}: fits");
                }
            }

            output.ReplaceWith(staging);
            info($"light: {report.Light.MacsPerFrame:N0} MACs/frame, {report.Light.Parameters:N0} params; heavy: {report.Heavy.MacsPerFrame:N0} MACs/frame, {report.Heavy.Parameters:N0} params; handoff {report.HandoffBytes} B, replay {report.ReplayFrames} frames");
            return report;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>", .dsl_handoff N B (shared)" for an image with bytes in the region both cores share, else "".</summary>
    private static string SharedBytes(SectionSizes sizes) => sizes.Shared > 0 ? $", .dsl_handoff {sizes.Shared} B (shared)" : "";
}
