namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// validate's work folder: without --work each invocation gets its own folder under the system temporary folder
/// (TMPDIR here, so the test sees it), removed at the end unless --keep-work; a --work folder is used and kept.
/// </summary>
public sealed class WorkFolderCliTests
{
    private static DslcProcess.Result Validate(string temp, params string[] more)
    {
        DslcProcess.Result r = DslcProcess.Run(["validate", "-m", Fixtures.TinyDsl, "--cache", Path.Combine(temp, "..", "cache"), .. more],
            new Dictionary<string, string?> { ["TMPDIR"] = temp });
        Assert.True(r.Code == 0, r.StdOut + r.StdErr);
        return r;
    }

    private static string[] WorkFolders(string temp) => Directory.GetDirectories(temp, "dslc-validate-*");

    [Fact]
    public void Default_work_folders_are_per_invocation_and_removed_unless_kept()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-work-").FullName;
        string temp = Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName;
        Validate(temp, "-q");
        Assert.Empty(WorkFolders(temp));

        DslcProcess.Result first = Validate(temp, "--keep-work");
        DslcProcess.Result second = Validate(temp, "--keep-work");
        string[] kept = WorkFolders(temp);
        Assert.Equal(2, kept.Length);
        foreach (string folder in kept)
        {
            Assert.True(File.Exists(Path.Combine(folder, "precision.json")), folder);
        }

        Assert.Contains($"work folder kept: {kept.Single(k => first.StdErr.Contains(k, StringComparison.Ordinal))}", first.StdErr);
        Assert.Contains($"work folder kept: {kept.Single(k => second.StdErr.Contains(k, StringComparison.Ordinal))}", second.StdErr);
    }

    [Fact]
    public void A_given_work_folder_is_used_and_kept()
    {
        string dir = Directory.CreateTempSubdirectory("dslc-work-").FullName;
        string temp = Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName;
        string work = Path.Combine(dir, "mine");
        Validate(temp, "-q", "--work", work);
        Assert.True(File.Exists(Path.Combine(work, "precision.json")));
        Assert.Empty(WorkFolders(temp));
    }
}
