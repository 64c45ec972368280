using Dsl.Compiler.Manifest;
using Dsl.Compiler.Routing;
using Dsl.Compiler.Targets;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>The fixture model tests/fixtures/fake_model (see fake.h) and a C# reference of it.</summary>
internal static class FakeModel
{
    public const int FrameSamples = 160;
    public const int HandoffBytes = 8;
    public const int Replay = 3;
    public const int Hold = 2;
    public const int Threshold = 40;

    public static RepoLayout Repo => RepoLayout.Find(AppContext.BaseDirectory);

    public static string FixtureDir => Path.Combine(Repo.Root, "tests", "fixtures", "fake_model");

    /// <summary>A copy of the fixture in a fresh temporary folder (tests write glue next to it).</summary>
    public static ModelFolder CopyToTemp(out string tempDir)
    {
        tempDir = Path.Combine(Path.GetTempPath(), "dsl-test-" + Guid.NewGuid().ToString("N"));
        var model = Path.Combine(tempDir, "fake");
        Directory.CreateDirectory(model);
        foreach (var f in Directory.EnumerateFiles(FixtureDir))
        {
            File.Copy(f, Path.Combine(model, Path.GetFileName(f)));
        }

        return ModelFolder.Load(model);
    }

    /// <summary>Quiet and loud stretches of a sine, plus one stray sample (an incomplete frame).</summary>
    public static short[] Audio(int frames)
    {
        var s = new short[(frames * FrameSamples) + 1];
        for (var f = 0; f < frames; f++)
        {
            var amp = (f / 5) % 2 == 1 || f == 23 ? 10000 : 100;
            for (var i = 0; i < FrameSamples; i++)
            {
                s[(f * FrameSamples) + i] = (short)(amp * Math.Sin((i * 0.3) + f));
            }
        }

        s[^1] = 1;
        return s;
    }

    public static void WritePcm(string path, short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>What the harness must write for <paramref name="samples"/> (instruction counts 0): the fake
    /// paths of fake.h, routed by the one C# <see cref="Router"/>.</summary>
    public static TraceFile Expected(short[] samples)
    {
        var frames = new List<FrameRecord>();
        var ring = new List<sbyte[]>();
        var hist = new int[Replay];
        var pos = 0;
        var router = new Router(Hold, Replay, ReplayPolicy.Reset); // fake.h routes by the reset rule

        void HeavyReset()
        {
            Array.Clear(hist);
            pos = 0;
        }

        void HeavyProcess(sbyte[] h, short[] o)
        {
            var sum = hist.Sum();
            for (var i = 0; i < FrameSamples; i++)
            {
                o[i] = (short)((h[i % HandoffBytes] * 256) + sum);
            }

            hist[pos] = h[0];
            pos = (pos + 1) % Replay;
        }

        for (var f = 0; f < samples.Length / FrameSamples; f++)
        {
            var x = samples.AsSpan(f * FrameSamples, FrameSamples).ToArray();
            var light = x.Select(v => (short)(v >> 1)).ToArray();
            var score = Math.Min(127, (x.Sum(v => Math.Abs((int)v)) / FrameSamples) >> 7);
            var handoff = Enumerable.Range(0, HandoffBytes).Select(k => (sbyte)(x[k * (FrameSamples / HandoffBytes)] >> 8)).ToArray();
            ring.Add(handoff);
            var route = router.Next(score >= Threshold);
            var heavyOut = new short[FrameSamples];
            Router.RunHeavy(route, age => ring[f - age], HeavyReset, HeavyProcess, heavyOut);
            frames.Add(FrameRecord.Routed(route.Heavy ? 1 : 0, route.ReplayFrames, score, 0, 0, light, handoff, heavyOut));
        }

        return new TraceFile(FrameSamples, HandoffBytes, frames);
    }

    /// <summary>Asserts equality of everything but the instruction counts (both passes), naming the first difference.</summary>
    public static void AssertSameOutputs(TraceFile expected, TraceFile actual)
    {
        Assert.Equal(expected.FrameSamples, actual.FrameSamples);
        Assert.Equal(expected.HandoffBytes, actual.HandoffBytes);
        var cmp = TraceComparison.Compare(expected.Frames, actual.Frames, "fake model");
        Assert.True(cmp.BitExact, cmp.FirstDifference);
    }
}
