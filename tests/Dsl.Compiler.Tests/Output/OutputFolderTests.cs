using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Output;

namespace Dsl.Compiler.Tests.Output;

/// <summary>The output-folder rule on its own: what dslc may replace, and that a refusal changes nothing.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dslc-output-folder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name, params string[] files)
    {
        string dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        foreach (string f in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, f))!);
            File.WriteAllText(Path.Combine(dir, f), f);
        }

        return dir;
    }

    /// <summary>Builds "new output" in a staging folder and swaps it in.</summary>
    private static void Replace(OutputFolder output, params string[] files)
    {
        string staging = output.NewStaging();
        Directory.CreateDirectory(staging);
        foreach (string f in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(staging, f))!);
            File.WriteAllText(Path.Combine(staging, f), "new " + f);
        }

        output.ReplaceWith(staging);
    }

    private static string[] Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    private static DslException Refused(Action claim)
    {
        var e = Assert.Throws<DslException>(claim);
        Assert.Equal(DslErrorCode.Io, e.Code);
        return e;
    }

    [Fact]
    public void Own_output_is_replaced_and_listed()
    {
        string outDir = Path.Combine(root, "out");
        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "a.c", "sub/b.h");
        Assert.Equal([OutputFolder.ManifestName, "a.c", "sub/b.h"], Files(outDir));
        Assert.Contains("sub/b.h", File.ReadAllLines(Path.Combine(outDir, OutputFolder.ManifestName)));

        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "c.c");
        Assert.Equal([OutputFolder.ManifestName, "c.c"], Files(outDir));
        Assert.DoesNotContain(Directory.GetDirectories(root), d => d.Contains("staging", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_folder_is_replaced_but_a_foreign_file_refuses_unless_forced()
    {
        Replace(OutputFolder.Claim(Folder("empty"), ModelInputs.None, "-o"), "a.c");

        string foreign = Folder("foreign", "notes/mine.txt");
        Assert.Contains("notes/mine.txt", Refused(() => OutputFolder.Claim(foreign, ModelInputs.None, "-o")).Message);
        Assert.Equal(["notes/mine.txt"], Files(foreign));

        Replace(OutputFolder.Claim(foreign, ModelInputs.None, "-o", force: true), "a.c");
        Assert.Equal([OutputFolder.ManifestName, "a.c"], Files(foreign));
    }

    [Fact]
    public void A_file_added_to_dslc_output_makes_it_foreign()
    {
        string outDir = Path.Combine(root, "out");
        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "a.c");
        File.WriteAllText(Path.Combine(outDir, "edited-by-hand.c"), "mine");
        Assert.Contains("edited-by-hand.c", Refused(() => OutputFolder.Claim(outDir, ModelInputs.None, "-o")).Message);
    }

    [Fact]
    public void A_file_added_after_the_claim_stops_the_swap()
    {
        string outDir = Path.Combine(root, "out");
        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "a.c");
        OutputFolder claimed = OutputFolder.Claim(outDir, ModelInputs.None, "-o");
        File.WriteAllText(Path.Combine(outDir, "late.txt"), "mine");
        Refused(() => Replace(claimed, "b.c"));
        Assert.Equal([OutputFolder.ManifestName, "a.c", "late.txt"], Files(outDir));
    }

    [Fact]
    public void Nested_dslc_output_counts_as_dslc_output()
    {
        string outDir = Path.Combine(root, "out");
        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "a.c");
        Replace(OutputFolder.Claim(Path.Combine(outDir, "board"), ModelInputs.None, "-o"), "glue.mk");
        Replace(OutputFolder.Claim(outDir, ModelInputs.None, "-o"), "a.c");
        Assert.Equal([OutputFolder.ManifestName, "a.c"], Files(outDir));
    }

    [Fact]
    public void Inputs_are_refused_even_when_forced_also_through_a_link()
    {
        string model = Folder("models/m", "dsl.json", "model.onnx");
        ModelInputs inputs = ModelInputs.None.With([model, Path.Combine(model, "dsl.json")]);
        Refused(() => OutputFolder.Claim(model, inputs, "-o", force: true));
        Refused(() => OutputFolder.Claim(Path.Combine(root, "models"), inputs, "-o", force: true));
        Refused(() => OutputFolder.Claim(root, inputs, "-o", force: true));

        string link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, model);
        Refused(() => OutputFolder.Claim(link, inputs, "-o", force: true));
        Refused(() => inputs.RefuseAsOutputFile(Path.Combine(link, "dsl.json"), "-o"));
        Assert.Equal(["dsl.json", "model.onnx"], Files(model));
    }

    private static void RunFailingTool(OutputFolder work)
    {
        using IDisposable listing = work.Reset();
        File.WriteAllText(Path.Combine(work.Path, "build.log"), "written by a tool");
        throw new InvalidOperationException("the tool failed");
    }

    [Fact]
    public void Work_folder_lists_what_tools_wrote_even_after_a_failure()
    {
        string work = Path.Combine(root, "work");
        OutputFolder claimed = OutputFolder.Claim(work, ModelInputs.None, "--work");
        Assert.Throws<InvalidOperationException>(() => RunFailingTool(claimed));

        // The next run may replace it: everything in it is listed as dslc's.
        using (OutputFolder.Claim(work, ModelInputs.None, "--work").Reset())
        {
            Assert.Equal([OutputFolder.ManifestName], Files(work));
        }
    }
}
