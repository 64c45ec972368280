using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary><c>-a</c> takes files, folders and globs; a name that matches nothing is one error naming it.</summary>
public sealed class AudioArgumentsTests
{
    private static string Folder(params string[] names)
    {
        string dir = Directory.CreateTempSubdirectory("dslc-audio-args-").FullName;
        foreach (string name in names)
        {
            string path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, name);
        }

        return dir;
    }

    [Fact]
    public void Folder_is_its_wavs_sorted_ordinally()
    {
        string dir = Folder("b.wav", "B.wav", "a.wav", "notes.txt", "sub/c.wav");
        IReadOnlyList<string> files = AudioArguments.Expand([dir], "-a");
        Assert.Equal(["B.wav", "a.wav", "b.wav"], files.Select(Path.GetFileName));
    }

    [Fact]
    public void Glob_is_its_matches_sorted_and_files_keep_their_order()
    {
        string dir = Folder("speech_2.wav", "speech_1.wav", "music.wav", "speech.txt");
        IReadOnlyList<string> files = AudioArguments.Expand([Path.Combine(dir, "music.wav"), Path.Combine(dir, "speech_*.wav")], "-a");
        Assert.Equal(["music.wav", "speech_1.wav", "speech_2.wav"], files.Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("missing.wav", "not found")]
    [InlineData("nothing_*.wav", "matches no file")]
    [InlineData("empty", "holds no .wav file")]
    public void Argument_that_names_nothing_is_an_io_error_naming_it(string argument, string why)
    {
        string dir = Folder("a.wav", "empty/readme.txt");
        string path = Path.Combine(dir, argument);
        DslException e = Assert.Throws<DslException>(() => AudioArguments.Expand([path], "-a"));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Contains(path, e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void One_takes_a_glob_of_one_file_and_refuses_several()
    {
        string dir = Folder("a.wav", "b.wav");
        Assert.Equal(Path.Combine(dir, "a.wav"), AudioArguments.One(Path.Combine(dir, "a*.wav"), "-a"));
        DslException e = Assert.Throws<DslException>(() => AudioArguments.One(dir, "-a"));
        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.Contains("matches 2 WAVs", e.Message);
    }
}
