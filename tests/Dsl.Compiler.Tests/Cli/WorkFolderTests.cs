using Dsl.Compiler.Output;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>The work folder rule in-process (bench's and validate's): a fresh temporary folder per invocation, removed
/// when dslc made it and was not asked to keep it; a given folder is never removed.</summary>
public sealed class WorkFolderTests
{
    [Fact]
    public void Two_default_folders_differ_and_are_removed_at_the_end()
    {
        var lines = new List<string>();
        string a, b;
        using (WorkFolder first = WorkFolder.Of(null, "bench", "m", keep: false, lines.Add))
        using (WorkFolder second = WorkFolder.Of(null, "bench", "m", keep: false, lines.Add))
        {
            Assert.True(first.IsTemporary);
            (a, b) = (first.Path, second.Path);
            Assert.NotEqual(a, b);
            Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Path.GetFullPath(Path.GetDirectoryName(a)!) + Path.DirectorySeparatorChar);
            Directory.CreateDirectory(Path.Combine(a, "build"));
            File.WriteAllText(Path.Combine(a, "build", "x.o"), "x");
        }

        Assert.False(Directory.Exists(a));
        Assert.False(Directory.Exists(b));
        Assert.Empty(lines);
    }

    [Fact]
    public void A_kept_default_folder_stays_and_is_named()
    {
        var lines = new List<string>();
        string path;
        using (WorkFolder work = WorkFolder.Of(null, "validate", "m", keep: true, lines.Add))
        {
            path = work.Path;
            Directory.CreateDirectory(path);
        }

        Assert.True(Directory.Exists(path));
        Assert.Equal([$"work folder kept: {path}"], lines);
        Directory.Delete(path);
    }

    [Fact]
    public void A_given_folder_is_used_and_never_removed()
    {
        string given = Directory.CreateTempSubdirectory("dslc-given-").FullName;
        File.WriteAllText(Path.Combine(given, "mine.txt"), "user's");
        using (WorkFolder work = WorkFolder.Of(given, "validate", "m", keep: false, _ => { }))
        {
            Assert.False(work.IsTemporary);
            Assert.Equal(given, work.Path);
        }

        Assert.Equal("user's", File.ReadAllText(Path.Combine(given, "mine.txt")));
    }
}
