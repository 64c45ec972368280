using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>The calibration cache key: it changes with every input of calibration, and only with those.</summary>
public sealed class CalibrationKeyTests
{
    private readonly string dir = Directory.CreateTempSubdirectory("dslc-key-").FullName;

    private string File(string name, string content)
    {
        string path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Every_input_of_calibration_changes_the_key_and_the_clip_order_does_not()
    {
        string manifest = File("dsl.json", "{}");
        string model = File("model.onnx", "onnx");
        string a = File("a.wav", "A");
        string b = File("b.wav", "B");
        string key = CalibrationKey.Of(manifest, model, [a, b], [0.0], 8);
        Assert.Equal(key, CalibrationKey.Of(manifest, model, [b, a], [0.0], 8));
        Assert.Matches("^[0-9a-f]{64}$", key);

        var others = new List<string>
        {
            CalibrationKey.Of(manifest, model, [a], [0.0], 8),
            CalibrationKey.Of(manifest, model, [a, b], [0.0, -30.0], 8),
            CalibrationKey.Of(manifest, model, [a, b], [-0.5], 8),
            CalibrationKey.Of(manifest, model, [a, b], [0.0], 9),
        };
        System.IO.File.WriteAllText(model, "onnx2");
        others.Add(CalibrationKey.Of(manifest, model, [a, b], [0.0], 8));
        System.IO.File.WriteAllText(model, "onnx");
        System.IO.File.WriteAllText(manifest, "{ }");
        others.Add(CalibrationKey.Of(manifest, model, [a, b], [0.0], 8));
        System.IO.File.WriteAllText(manifest, "{}");
        System.IO.File.WriteAllText(b, "b");
        others.Add(CalibrationKey.Of(manifest, model, [a, b], [0.0], 8));
        System.IO.File.WriteAllText(b, "B");
        string renamed = File("c.wav", "B");
        others.Add(CalibrationKey.Of(manifest, model, [a, renamed], [0.0], 8));

        Assert.Equal(others.Count, others.Distinct().Count());
        Assert.DoesNotContain(key, others);
        Assert.Equal(key, CalibrationKey.Of(manifest, model, [a, b], [0.0], 8)); // all restored: the same key again
    }

    [Fact]
    public void The_default_cache_folder_is_dslc_cache_then_xdg_then_the_home_cache()
    {
        string Default(params (string Name, string Value)[] set) =>
            CalibrationCache.DefaultFolder(name => set.FirstOrDefault(v => v.Name == name).Value);

        Assert.Equal("/c/dslc-here", Default(("DSLC_CACHE", "/c/dslc-here"), ("XDG_CACHE_HOME", "/x")));
        Assert.Equal(Path.Combine("/x", "dslc"), Default(("XDG_CACHE_HOME", "/x")));
        // XDG paths must be absolute (the spec): a relative one is ignored.
        string home = Default(("XDG_CACHE_HOME", "relative"));
        Assert.Equal(home, Default());
        Assert.EndsWith("dslc", home);
        Assert.True(Path.IsPathRooted(home));
    }
}
