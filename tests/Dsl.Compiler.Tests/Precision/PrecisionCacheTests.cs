using Dsl.Compiler.Precision;
using Xunit;

namespace Dsl.Compiler.Tests.Precision;

/// <summary>precision.json as the search's cache: a hit only for the same inputs, a miss for any change.</summary>
public sealed class PrecisionCacheTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "dslc-precision-cache-" + Guid.NewGuid().ToString("N"));

    public PrecisionCacheTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string File(string name, string content)
    {
        string path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static PrecisionChoice Choice(string key) => new(key, 30, "search", ["t1"], true,
        [new OutputSnr("heavy", 31.5), new OutputSnr("light", double.PositiveInfinity)], [new OutputSnr("heavy", 20)],
        new CandidateCost([new VariantInstructions("dsp", 120, 900)], new CandidateBytes(1, 2, 3, 4, 5, 6)),
        new CandidateCost([new VariantInstructions("dsp", 100, 800)], new CandidateBytes(1, 2, 3, 4, 5, 6)),
        [new TensorPrecision("t1", "int16", "chosen", true, 3.5, 20, 8), new TensorPrecision("t2", "int8", "not eligible: why", false, null, null, null)],
        100, 9, 1.25, ["conv1d_s16_s16"], "note");

    [Fact]
    public void TheKeyChangesWithEveryInputAndOnlyThen()
    {
        string model = File("model.onnx", "weights");
        string wav = File("a.wav", "audio");
        string[] settings = ["minmax", "gains:", "single", "30"];
        string key = PrecisionKey.Of([model, wav], settings);

        Assert.Equal(key, PrecisionKey.Of([model, wav], settings));
        Assert.NotEqual(key, PrecisionKey.Of([model, wav], ["minmax", "gains:", "single", "31"]));
        Assert.NotEqual(key, PrecisionKey.Of([model, wav], ["mse", "gains:", "single", "30"]));
        Assert.NotEqual(key, PrecisionKey.Of([model], settings));
        System.IO.File.WriteAllText(wav, "audio!");
        Assert.NotEqual(key, PrecisionKey.Of([model, wav], settings));
    }

    [Fact]
    public void ReadsBackItsOwnKeyOnlyAndMissesQuietly()
    {
        PrecisionChoice choice = Choice("k1");
        string path = File(PrecisionJson.FileName, PrecisionJson.ToJson(choice));

        PrecisionChoice? hit = PrecisionJson.Read(path, "k1");

        Assert.NotNull(hit);
        Assert.Equal(choice.Chosen, hit.Chosen);
        Assert.Equal(choice.Snr, hit.Snr);
        Assert.Equal(choice.Tensors, hit.Tensors);
        Assert.Equal(choice.Cost.Objective, hit.Cost.Objective);
        Assert.Equal(choice.Cost.Bytes, hit.Cost.Bytes);
        Assert.Null(PrecisionJson.Read(path, "k2"));
        Assert.Null(PrecisionJson.Read(Path.Combine(dir, "absent.json"), "k1"));
        Assert.Null(PrecisionJson.Read(File("broken.json", "{ not json"), "k1"));
    }

    [Fact]
    public void TheFileLeavesOutWhatDiffersBetweenIdenticalRuns()
    {
        string a = PrecisionJson.ToJson(Choice("k"));
        string b = PrecisionJson.ToJson(Choice("k") with { Source = "cache", SearchSeconds = 0 });

        Assert.Equal(a, b);
    }
}
