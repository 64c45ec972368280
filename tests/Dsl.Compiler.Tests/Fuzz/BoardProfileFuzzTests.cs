using System.Text;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Targets;
using Xunit.Abstractions;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>Mutated shipped board profiles through the YAML loader (decoded as <see cref="BoardProfileLoader.Load"/>
/// reads them: UTF-8, invalid bytes replaced).</summary>
public sealed class BoardProfileFuzzTests(ITestOutputHelper output)
{
    /// <summary>Per case: 400x the file plus 1 MiB; YamlDotNet keeps a token, an event and a node per scalar.</summary>
    private static long Bound(int inputBytes) => (400L * inputBytes) + (1L << 20);

    [Fact]
    public void Mutated_board_profiles_fail_only_with_a_DslException_and_bounded_allocation()
    {
        string boards = RepoLayout.Find(AppContext.BaseDirectory).BoardsDir;
        var seeds = Directory.GetFiles(boards, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();
        FuzzRun.Run(output, "board", seeds, cases: 10_000, rngSeed: 7004, Bound,
            (path, bytes) => BoardProfileLoader.Parse(Encoding.UTF8.GetString(bytes), path), text: true);
    }
}
