using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>Mutated dsl.json files (the tiny fixture's and the shipped model's) through the loader and the
/// expansion of their calibration and test globs, in the folder of the original. Half the cases mutate
/// bytes, half mutate JSON values (<see cref="JsonMutator"/>).</summary>
public sealed class ManifestFuzzTests(ITestOutputHelper output)
{
    /// <summary>Per case: 64x the file plus 1 MiB (the JSON document, its clone, the globbed file lists).</summary>
    private static long Bound(int inputBytes) => (64L * inputBytes) + (1L << 20);

    [Fact]
    public void Mutated_manifests_fail_only_with_a_DslException_and_bounded_allocation()
    {
        var seeds = new[] { Fixtures.TinyDsl, Path.Combine(Fixtures.RepoRoot, "models", "dsl_soundstream_s", "dsl.json") }
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();
        var bytesMutator = new Mutator(FuzzRun.RandomSeed(7003));
        var jsonMutator = new JsonMutator(FuzzRun.RandomSeed(7003) + 1);
        Func<int, byte[], byte[]> mutate = (i, seed) => i % 2 == 0 ? bytesMutator.Mutate(seed, text: true) : jsonMutator.Mutate(seed);
        FuzzRun.Run(output, "dsl.json", seeds, cases: 10_000, mutate, Bound, (path, bytes) =>
        {
            DslManifest m = DslManifestLoader.Parse(path, bytes);
            if (m.CalibrationPatterns.Count > 0)
            {
                ManifestFiles.Expand(m, m.CalibrationPatterns, "calibration");
            }

            if (m.TestPatterns.Count > 0)
            {
                ManifestFiles.Expand(m, m.TestPatterns, "test");
            }
        });
    }
}
