using System.Diagnostics;
using Dsl.Compiler.Diagnostics;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>
/// Runs a reader over mutated inputs in-process and checks the fuzzing invariants: every case ends in
/// success or a <see cref="DslException"/> with a one-line message, and no case allocates more than the
/// stated bound (measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around the case).
/// </summary>
public static class FuzzRun
{
    /// <summary>
    /// The random seed for a fuzz test: <paramref name="fixedSeed"/>, shifted by DSLC_FUZZ_SEED for longer
    /// hunts outside the normal test run (with DSLC_FUZZ_SCALE=n running n times the cases).
    /// </summary>
    public static int RandomSeed(int fixedSeed) => fixedSeed + EnvInt("DSLC_FUZZ_SEED", 0);

    /// <summary>
    /// Runs <paramref name="cases"/> cases with byte mutations (<see cref="Mutator"/>); case i mutates seed
    /// i mod seeds.Count. <paramref name="bound"/> gives the allowed allocation for a case from its input
    /// length. Returns a summary line.
    /// </summary>
    public static string Run(
        ITestOutputHelper output,
        string reader,
        IReadOnlyList<(string Name, byte[] Bytes)> seeds,
        int cases,
        int rngSeed,
        Func<int, long> bound,
        Action<string, byte[]> target,
        bool text = false)
    {
        var mutator = new Mutator(RandomSeed(rngSeed));
        return Run(output, reader, seeds, cases, (_, seed) => mutator.Mutate(seed, text), bound, target);
    }

    /// <summary>As above with any mutation: <paramref name="mutate"/> gets the case number and the seed.</summary>
    public static string Run(
        ITestOutputHelper output,
        string reader,
        IReadOnlyList<(string Name, byte[] Bytes)> seeds,
        int cases,
        Func<int, byte[], byte[]> mutate,
        Func<int, long> bound,
        Action<string, byte[]> target)
    {
        cases *= EnvInt("DSLC_FUZZ_SCALE", 1);
        var failures = new List<string>();
        int accepted = 0, refused = 0;
        long worstAllocation = 0;
        string worstCase = "";
        var clock = Stopwatch.StartNew();

        // Each seed itself must be read without error: a broken seed would make every case trivial.
        foreach ((string name, byte[] bytes) in seeds)
        {
            target(name, bytes);
        }

        for (int i = 0; i < cases; i++)
        {
            (string name, byte[] seed) = seeds[i % seeds.Count];
            byte[] input = mutate(i, seed);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target(name, input);
                accepted++;
            }
            catch (DslException e)
            {
                refused++;

                // The CLI prints the message as the one line of the error.
                if (e.Message.Contains('\n') || e.Message.Contains('\r'))
                {
                    failures.Add($"case {i} ({name}): the message is not one line: {e.Message.ReplaceLineEndings("\\n")}");
                    SaveCase(reader, i, input);
                }
            }
            catch (Exception e)
            {
                failures.Add($"case {i} ({name}, {input.Length} bytes): {e.GetType().Name}: {e.Message.Split('\n')[0]}{Environment.NewLine}{e.StackTrace?.Split('\n').FirstOrDefault()}");
                SaveCase(reader, i, input);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > worstAllocation)
            {
                worstAllocation = allocated;
                worstCase = $"case {i} ({name})";
            }

            if (allocated > bound(input.Length))
            {
                failures.Add($"case {i} ({name}, {input.Length} bytes): allocated {allocated / 1024} KiB, more than the bound of {bound(input.Length) / 1024} KiB");
                SaveCase(reader, i, input);
            }
        }

        string summary = $"{reader}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s, {accepted} accepted, {refused} refused with a DslException, " +
                         $"most allocated by one case {worstAllocation / 1024} KiB ({worstCase})";
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, $"{summary}{Environment.NewLine}{failures.Count} failing case(s), first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(8))}");
        return summary;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : fallback;

    /// <summary>Keeps a failing input under the temp folder so it can be replayed.</summary>
    private static void SaveCase(string reader, int index, byte[] input)
    {
        string dir = Path.Combine(Path.GetTempPath(), "dslc-fuzz-failures", reader);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, $"case-{index}.bin"), input);
    }
}
