using System.Text;
using System.Text.Json.Nodes;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;

namespace Dsl.Compiler.Tests.Manifest;

/// <summary>
/// dsl.json 'classes' / 'negative_class' (docs/classifier-heads.md): read into labels, C macro names and the negative
/// index; wrong values refused with one line naming the file and the field (exit family Manifest); the channel count
/// checked against the imported model.
/// </summary>
public sealed class ClassHeadManifestTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dslc-class-manifest-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>tests/fixtures/tiny_gc's dsl.json with <paramref name="edit"/> applied, in a folder with the model.</summary>
    private string Write(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(Fixtures.TinyGc))!.AsObject();
        edit(json);
        File.Copy(Path.Combine(Path.GetDirectoryName(Fixtures.TinyGc)!, "model.onnx"), Path.Combine(dir, "model.onnx"), overwrite: true);
        string path = Path.Combine(dir, "dsl.json");
        File.WriteAllText(path, json.ToJsonString(), new UTF8Encoding(false));
        return path;
    }

    private DslException Refused(Action<JsonObject> edit)
    {
        string path = Write(edit);
        var e = Assert.Throws<DslException>(() => DslManifestLoader.Load(path));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Fixture_classes_are_read_with_macro_names_and_the_negative_index()
    {
        ClassHead c = DslManifestLoader.Load(Fixtures.TinyGc).Classes!;
        Assert.Equal(["background", "yes", "no", "up", "down"], c.Labels);
        Assert.Equal(["BACKGROUND", "YES", "NO", "UP", "DOWN"], c.MacroNames);
        Assert.Equal(0, c.NegativeIndex);
        Assert.Equal("background", c.NegativeClass);
    }

    [Fact]
    public void Labels_become_upper_case_macro_names_and_no_negative_class_is_minus_one()
    {
        string path = Write(j =>
        {
            j["classes"] = new JsonArray("_silence_", "yes-please", "2nd", "Über", "e");
            j.Remove("negative_class");
        });
        ClassHead c = DslManifestLoader.Load(path).Classes!;
        Assert.Equal(["_SILENCE_", "YES_PLEASE", "2ND", "_BER", "E"], c.MacroNames);
        Assert.Equal(-1, c.NegativeIndex);
        Assert.Null(c.NegativeClass);
    }

    [Fact]
    public void A_class_head_turns_the_silence_gate_off_unless_asked_for_which_is_refused()
    {
        Assert.False(DslManifestLoader.Load(Fixtures.TinyGc).Silence.Enabled);
        Assert.Contains("enabled 'silence_gate'", Refused(j => j["silence_gate"] = new JsonObject { ["enabled"] = true }).Message);
        Assert.False(DslManifestLoader.Load(Write(j => j["silence_gate"] = new JsonObject { ["enabled"] = false })).Silence.Enabled);
    }

    [Theory]
    [InlineData("\"yes\"", "field 'classes' must be a non-empty list of strings")]
    [InlineData("[]", "field 'classes' must be a non-empty list of strings")]
    [InlineData("[\"a\", 3, \"c\", \"d\", \"e\"]", "field 'classes' must be a non-empty list of strings")]
    [InlineData("[\"a\", \" \", \"c\", \"d\", \"e\"]", "field 'classes[1]' is empty")]
    [InlineData("[\"a\", \"b\", \"a\", \"d\", \"e\"]", "field 'classes' lists \"a\" twice (at 0 and 2)")]
    [InlineData("[\"a\", \"yes-no\", \"yes no\", \"d\", \"e\"]", "\"yes-no\" and \"yes no\" both become the C name YES_NO")]
    public void Wrong_classes_are_refused(string classes, string message) =>
        Assert.Contains(message, Refused(j =>
        {
            j["classes"] = JsonNode.Parse(classes);
            j.Remove("negative_class");
        }).Message);

    [Fact]
    public void A_negative_class_not_in_classes_is_refused_naming_the_labels() =>
        Assert.Contains("field 'negative_class' is \"noise\", which is not in 'classes' (background, yes, no, up, down)",
            Refused(j => j["negative_class"] = "noise").Message);

    [Fact]
    public void A_negative_class_that_is_no_string_is_refused() =>
        Assert.Contains("field 'negative_class' must be a string", Refused(j => j["negative_class"] = 0).Message);

    [Fact]
    public void A_negative_class_without_classes_is_refused() =>
        Assert.Contains("field 'negative_class' needs 'classes'", Refused(j => j.Remove("classes")).Message);

    [Fact]
    public void Classes_need_gate_mode() =>
        Assert.Contains("field 'classes' needs mode \"gate\"", Refused(j =>
        {
            j["mode"] = "switch";
            j["light"] = new JsonObject { ["outputs"] = new JsonArray("scores") };
        }).Message);

    [Fact]
    public void Classes_label_one_heavy_output() =>
        Assert.Contains("'heavy.outputs' has 2", Refused(j => j["heavy"] = new JsonObject { ["outputs"] = new JsonArray("scores", "switch_logit") }).Message);

    [Fact]
    public void A_class_count_other_than_the_channel_count_is_refused_after_import()
    {
        string path = Write(j => j["classes"] = new JsonArray("background", "yes", "no", "up"));
        var e = Assert.Throws<DslException>(() => ModelCompiler.Analyze(path));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("output 'scores' has 5 channels but 'classes' lists 4", e.Message);
    }

    [Fact]
    public void Classes_on_an_audio_output_are_refused_after_import()
    {
        // tiny_dsl's heavy output is audio: many steps per frame.
        var json = JsonNode.Parse(File.ReadAllText(Fixtures.TinyDsl))!.AsObject();
        json["mode"] = "gate";
        json.Remove("light");
        json["classes"] = new JsonArray("a");
        File.Copy(Path.Combine(Path.GetDirectoryName(Fixtures.TinyDsl)!, "model.onnx"), Path.Combine(dir, "model.onnx"), overwrite: true);
        string path = Path.Combine(dir, "dsl.json");
        File.WriteAllText(path, json.ToJsonString());
        var e = Assert.Throws<DslException>(() => ModelCompiler.Analyze(path));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("output 'heavy' has 32 steps per frame, but 'classes' needs one score vector per frame", e.Message);
    }
}
