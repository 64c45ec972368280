using System.Text.Json.Nodes;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Quantization;
using Dsl.Compiler.Tuning;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>
/// What --budget writes into dsl.json: only switch.threshold and switch.hold (and 'replay' when the policy changes),
/// every other key with its value and place; the float threshold compiles back to exactly the chosen int8 threshold
/// for every threshold the sweep offers, through the real loader and program builder.
/// </summary>
public sealed class RoutingSettingsFileTests(TinyTuneModel tiny) : IClassFixture<TinyTuneModel>
{
    private readonly TinyTuneModel tiny = tiny;

    private static List<string> Keys(JsonObject o) => o.Select(p => p.Key).ToList();

    [Fact]
    public void Only_the_routing_fields_change_and_every_other_key_keeps_its_value_and_place()
    {
        string path = TinyFixtureCopy.Make();
        byte[] original = File.ReadAllBytes(path);
        (byte[] bytes, IReadOnlyList<SettingChange> changes) = RoutingSettingsFile.Compose(path, original, 0.125f, 7, ReplayPolicy.Resume, 4, 4);
        JsonObject before = JsonNode.Parse(original)!.AsObject(), after = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal(Keys(before), Keys(after));
        Assert.Equal(Keys(before["switch"]!.AsObject()), Keys(after["switch"]!.AsObject()));
        Assert.Equal(0.125, after["switch"]!["threshold"]!.GetValue<double>());
        Assert.Equal(7, after["switch"]!["hold"]!.GetValue<int>());
        Assert.Equal(["switch.threshold", "switch.hold"], changes.Select(c => c.Field));
        Assert.Equal("0.2909", changes[0].Old);
        Assert.Equal("2", changes[1].Old);

        // The rest is equal: put the old values back and compare the documents.
        after["switch"]!["threshold"] = before["switch"]!["threshold"]!.DeepClone();
        after["switch"]!["hold"] = before["switch"]!["hold"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(before, after));
        Assert.EndsWith("\n", System.Text.Encoding.UTF8.GetString(bytes));

        (byte[] reset, IReadOnlyList<SettingChange> resetChanges) = RoutingSettingsFile.Compose(path, original, 0.125f, 7, ReplayPolicy.Reset, 4, 4);
        Assert.Equal("reset", JsonNode.Parse(reset)!["replay"]!.GetValue<string>());
        Assert.Equal(new SettingChange("replay", null, "\"reset\""), resetChanges[^1]);
        Assert.Equal(ReplayPolicy.Reset, DslManifestLoader.Parse(path, reset).Replay);
    }

    [Fact]
    public void Writing_is_atomic_in_the_same_folder_and_leaves_no_temporary_file()
    {
        string path = TinyFixtureCopy.Make();
        (byte[] bytes, _) = RoutingSettingsFile.Compose(path, File.ReadAllBytes(path), -1.5f, 0, ReplayPolicy.Resume, 4, 4);
        string[] before = Directory.GetFiles(Path.GetDirectoryName(path)!);
        RoutingSettingsFile.WriteAtomically(path, bytes);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(before, Directory.GetFiles(Path.GetDirectoryName(path)!));
        Assert.Equal(-1.5f, DslManifestLoader.Load(path).Threshold);
    }

    [Fact]
    public void Every_swept_threshold_compiles_back_exactly()
    {
        CompiledModel m = tiny.Model;
        QuantParams score = m.Quantization.Of(m.Graph.OutputTensor(m.Manifest.SwitchOutput));
        byte[] original = File.ReadAllBytes(Fixtures.TinyDsl);
        foreach (int q in tiny.Sweep.Thresholds())
        {
            bool compiles = false;
            foreach (float t in ThresholdValue.Candidates(score, q))
            {
                (byte[] bytes, _) = RoutingSettingsFile.Compose(Fixtures.TinyDsl, original, t, 3, ReplayPolicy.Resume, 4, 4);
                DslManifest parsed = DslManifestLoader.Parse(Fixtures.TinyDsl, bytes);
                Assert.Equal(t, parsed.Threshold);
                compiles |= ThresholdValue.CompilesTo(m, parsed, q);
            }

            Assert.True(compiles, $"no dsl.json threshold compiles back to int8 {q}");
        }
    }

    [Fact]
    public void A_threshold_outside_the_scores_range_is_not_claimed_to_compile_back()
    {
        CompiledModel m = tiny.Model;
        QuantParams score = m.Quantization.Of(m.Graph.OutputTensor(m.Manifest.SwitchOutput));
        // Far above every score: the score's int8 range would stretch to reach it, so its parameters change.
        float far = (float)score.Dequantize(127) * 4 + 1;
        (byte[] bytes, _) = RoutingSettingsFile.Compose(Fixtures.TinyDsl, File.ReadAllBytes(Fixtures.TinyDsl), far, 0, ReplayPolicy.Resume, 4, 4);
        Assert.False(ThresholdValue.CompilesTo(m, DslManifestLoader.Parse(Fixtures.TinyDsl, bytes), 127));
    }
}
