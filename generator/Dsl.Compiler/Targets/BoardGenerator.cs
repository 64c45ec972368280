using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Toolchain;

namespace Dsl.Compiler.Targets;

/// <summary>What <c>dslc generate --board</c> does after emitting the model C: write the per-core glue
/// (and the test firmware of emulated boards), then link each core's path(s) into the core's memory and
/// refuse with a <see cref="DslErrorCode.Board"/> error when a path does not fit.</summary>
public static class BoardGenerator
{
    /// <param name="board">The board profile.</param>
    /// <param name="model">The emitted model folder.</param>
    /// <param name="outputDir">Glue folder (default <c>&lt;model&gt;/boards/&lt;board&gt;</c>).</param>
    /// <param name="repo">Repository layout (default: found from the current directory).</param>
    /// <param name="linkCheck">Link each core image (needs arm-none-eabi-gcc: a <see cref="DslErrorCode.Toolchain"/>
    /// error when missing); false skips the fit check and says so in the result.</param>
    /// <param name="withStartup">Also write each core's startup file and list it in the glue (<c>--with-startup</c>).</param>
    public static BoardGeneration Generate(BoardProfile board, ModelFolder model, string? outputDir = null,
        RepoLayout? repo = null, bool linkCheck = true, bool withStartup = false)
    {
        var layout = repo ?? RepoLayout.Find();
        var glue = BuildGlueWriter.Write(board, model, outputDir, layout, withStartup);
        if (!linkCheck)
        {
            return new BoardGeneration(glue, [], "link check disabled");
        }

        // Without the linker there is no fit verdict: an error, never a silent pass (the caller may opt out).
        if (!ToolRunner.IsInstalled("arm-none-eabi-gcc"))
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"{board.FilePath}: cannot check that the model fits board '{board.Name}': arm-none-eabi-gcc is not installed " +
                "(not found on PATH); install it with: sudo apt-get install -y --no-install-recommends " +
                ToolRunner.AptPackageFor("arm-none-eabi-gcc") + ", or skip the fit check explicitly with --no-fit-check");
        }

        // Build outside the output folder so generated output stays byte-identical and free of binaries.
        var work = Path.Combine(Path.GetTempPath(), "dslc-link-" + Guid.NewGuid().ToString("N"));
        try
        {
            var images = FirmwareBuilder.BuildCoreImages(board, model, work, layout);
            return new BoardGeneration(glue, images.Select(i => i with { Elf = "" }).ToList(), null);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        }
    }
}
