using System.Diagnostics;

namespace Dsl.Compiler.Tests.Cli;

/// <summary>
/// Runs the built CLI (<c>generator/dslc/bin/&lt;configuration&gt;/net10.0/dslc.dll</c>) in its own
/// process, as users and CI do: nothing is shared with the test process (no static state, no console
/// redirection), and the environment can be changed for the child only (e.g. PATH without a toolchain).
/// </summary>
internal static class DslcProcess
{
    public sealed record Result(int Code, string StdOut, string StdErr);

    /// <summary>The calibration cache of every dslc this test process starts (unless a test sets DSLC_CACHE): not the
    /// user's ~/.cache/dslc, and shared by the tests, which compile the same fixtures many times.</summary>
    private static readonly string CalibrationCache = Directory.CreateTempSubdirectory("dslc-test-cache-").FullName;

    /// <summary>The dslc.dll of the configuration the tests were built in.</summary>
    public static string Dll
    {
        get
        {
            // tests/Dsl.Compiler.Tests/bin/<configuration>/<tfm>/
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string path = Path.Combine(Fixtures.RepoRoot, "generator", "dslc", "bin", tfmDir.Parent!.Name, tfmDir.Name, "dslc.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} not found: build the solution first");
        }
    }

    /// <param name="args">dslc arguments.</param>
    /// <param name="environment">Variables to set (null value: remove) in the child only.</param>
    public static Result Run(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Fixtures.RepoRoot,
        };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DSLC_CACHE"] = CalibrationCache;
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[name] = value;
        }

        using var p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dslc {string.Join(' ', args)} ran for more than 5 minutes");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result Run(params string[] args) => Run((IEnumerable<string>)args);
}
