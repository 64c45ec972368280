using System.Globalization;
using System.Text;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>
/// The board glue of a two-core board with a <c>glue:</c> key (<see cref="BoardProfile.Glue"/>): the doorbell
/// between the cores and the cache hooks of the handoff ring, from <c>runtime-c/target/glue/&lt;glue&gt;/&lt;core&gt;/</c>
/// (<c>dsl_glue_&lt;core&gt;.c</c>, <c>dsl_glue_cache.h</c>) and the shared headers of <c>runtime-c/target/glue/</c>,
/// copied into each core's folder, plus the generated <c>&lt;m&gt;_glue.c</c> on the light core (the model's
/// doorbell hook). Cores built with it get <see cref="Define"/>, which makes dsl_handoff.h include the core's
/// cache hooks. The glue is compiled and linked here, but untested on hardware.
/// </summary>
public static class BoardGlue
{
    /// <summary>Compile definition of every core built with board glue.</summary>
    public const string Define = "DSL_BOARD_GLUE=1";

    /// <summary>The per-core header dsl_handoff.h includes under <see cref="Define"/>.</summary>
    public const string CacheHeader = "dsl_glue_cache.h";

    /// <summary><c>dsl_glue_&lt;core&gt;.c</c>: the core's glue (init, doorbell, cache maintenance).</summary>
    public static string CoreSource(CoreProfile core) => $"dsl_glue_{core.Id}.c";

    /// <summary><c>&lt;m&gt;_glue.c</c>: the light core's <c>&lt;m&gt;_heavy_doorbell()</c>, generated.</summary>
    public static string DoorbellSource(string modelName) => modelName + "_glue.c";

    /// <summary>The glue sources of the core running <paramref name="role"/> (file names in the core's
    /// folder); none when the board has no glue.</summary>
    public static IReadOnlyList<string> SourceNames(BoardProfile board, CoreProfile core, string role, string modelName) =>
        board.Glue is null || board.IsSingleCore || role is not ("light" or "heavy") ? []
        : role == "light" ? [CoreSource(core), DoorbellSource(modelName)]
        : [CoreSource(core)];

    /// <summary>Compile definitions of a core built with the glue: <see cref="Define"/> and the board's shared
    /// region (the glue sets up access to it, e.g. the nRF5340 SPU).</summary>
    public static IReadOnlyList<string> Defines(BoardProfile board) =>
        board.Glue is null || board.IsSingleCore || board.Shared is null ? []
        :
        [
            Define,
            string.Create(CultureInfo.InvariantCulture, $"DSL_GLUE_SHARED_ORIGIN=0x{board.Shared.Origin:X8}u"),
            string.Create(CultureInfo.InvariantCulture, $"DSL_GLUE_SHARED_SIZE=0x{board.Shared.Size:X8}u"),
        ];

    /// <summary>Copies the glue of <paramref name="core"/> (running <paramref name="role"/>) into
    /// <paramref name="coreDir"/> and, on the light core, writes <see cref="DoorbellSource"/>. Nothing when the
    /// board has no glue. A glue folder without this core's files is a <see cref="DslErrorCode.Board"/> error.</summary>
    /// <returns>The files written, sorted.</returns>
    public static IReadOnlyList<string> Write(BoardProfile board, CoreProfile core, string role, ModelFolder model, string coreDir, RepoLayout repo)
    {
        if (SourceNames(board, core, role, model.Name).Count == 0)
        {
            return [];
        }

        var root = Path.Combine(repo.TargetDir, "glue");
        var coreGlue = Path.Combine(root, board.Glue!, core.Id);
        foreach (var required in new[] { CoreSource(core), CacheHeader })
        {
            if (!File.Exists(Path.Combine(coreGlue, required)))
            {
                throw new DslException(DslErrorCode.Board,
                    $"{board.FilePath}: glue: board '{board.Name}' uses glue '{board.Glue}', but {Path.Combine(coreGlue, required)} " +
                    $"is missing: the glue of core '{core.Id}' ({role} path) is runtime-c/target/glue/{board.Glue}/{core.Id}/" +
                    $"{{{CoreSource(core)}, {CacheHeader}}}");
            }
        }

        Directory.CreateDirectory(coreDir);
        var files = new List<string>();
        // The shared headers, then the core's own files: a core file of the same name would win.
        foreach (var from in Directory.EnumerateFiles(root, "*.h").Concat(Directory.EnumerateFiles(coreGlue))
                     .Where(f => Path.GetExtension(f) is ".c" or ".h"))
        {
            var to = Path.Combine(coreDir, Path.GetFileName(from));
            File.Copy(from, to, overwrite: true);
            files.Add(to);
        }

        if (role == "light")
        {
            var text = Emit.CTemplates.Render("glue_c", new Dictionary<string, object>
            {
                ["name"] = model.Name,
                ["board"] = board.Name,
                ["glue"] = board.Glue!,
            });
            var path = Path.Combine(coreDir, DoorbellSource(model.Name));
            File.WriteAllText(path, text, new UTF8Encoding(false));
            files.Add(path);
        }

        return files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
