using System.Diagnostics;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>Help asked for goes to stdout (exit 0) with examples; a usage error still goes to stderr.</summary>
public sealed class HelpCliTests
{
    [Fact]
    public void Top_level_help_is_usage_on_stdout()
    {
        DslcProcess.Result r = DslcProcess.Run("--help");
        Assert.Equal(0, r.Code);
        Assert.Equal(string.Empty, r.StdErr);
        string[] lines = r.StdOut.Split('\n');
        Assert.StartsWith("dslc ", lines[0]);
        Assert.StartsWith("Usage: dslc <verb>", lines[1]);
        Assert.Contains("validate", r.StdOut);
        Assert.Contains("\n  dslc validate -m ", r.StdOut);
        Assert.DoesNotContain('\u001b', r.StdOut); // redirected: no ANSI escapes
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("inspect")]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("bench")]
    [InlineData("tune")]
    public void Verb_help_is_usage_on_stdout_ending_with_examples(string verb)
    {
        DslcProcess.Result r = DslcProcess.Run(verb, "--help");
        Assert.Equal(0, r.Code);
        Assert.Equal(string.Empty, r.StdErr);
        string[] lines = r.StdOut.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith($"Usage: dslc {verb} -m MODEL", lines[1]);
        Assert.Contains("--model", r.StdOut);
        int examples = Array.LastIndexOf(lines, "Examples:");
        Assert.True(examples > 0, "no Examples: section");
        Assert.All(lines[(examples + 1)..], l => Assert.StartsWith($"  dslc {verb} ", l));
    }

    [Fact]
    public void Merge_results_help_is_usage_on_stdout_with_an_example()
    {
        DslcProcess.Result r = DslcProcess.Run("merge-results", "--help");
        Assert.Equal(0, r.Code);
        Assert.Equal(string.Empty, r.StdErr);
        Assert.StartsWith("Usage: dslc merge-results RESULTS.json... -o MERGED.json", r.StdOut.Split('\n')[1]);
        Assert.EndsWith("-o results.json --junit results.xml", r.StdOut.TrimEnd());
    }

    [Fact]
    public void Help_verb_prints_the_verbs_help_on_stdout()
    {
        DslcProcess.Result r = DslcProcess.Run("help", "validate");
        Assert.Equal(0, r.Code);
        Assert.Contains("Usage: dslc validate", r.StdOut);
    }

    [Fact]
    public void Usage_error_goes_to_stderr_with_the_usage_exit_code()
    {
        DslcProcess.Result r = DslcProcess.Run("validate", "--no-such-option");
        Assert.Equal((int)DslErrorCode.Usage, r.Code);
        Assert.Equal(string.Empty, r.StdOut);
        Assert.Contains("no-such-option", r.StdErr);
    }

    [BashFact]
    public void Build_sh_help_lists_the_targets_without_running_setup()
    {
        foreach (string flag in new[] { "--help", "-h", "help" })
        {
            var psi = new ProcessStartInfo(BashFactAttribute.BashPath!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Fixtures.RepoRoot,
            };
            psi.ArgumentList.Add(Path.Combine(Fixtures.RepoRoot, "build.sh"));
            psi.ArgumentList.Add(flag);
            using var p = Process.Start(psi)!;
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            Assert.Equal(string.Empty, stderr.Result);
            Assert.StartsWith("Usage: ./build.sh", stdout);
            foreach (string target in new[] { "build", "unit", "test", "demo", "qemu", "bench", "validate-host", "kernel-bench" })
            {
                Assert.Contains($"\n  {target} ", stdout);
            }
        }
    }
}
