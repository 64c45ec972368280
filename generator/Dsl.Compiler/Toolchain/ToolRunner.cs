using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs an external tool with captured output and a timeout. A tool that is not installed
/// becomes a <see cref="DslException"/> (<see cref="DslErrorCode.Toolchain"/>) naming the apt package.</summary>
public static class ToolRunner
{
    /// <summary>Debian/Ubuntu packages that provide the tools dslc runs.</summary>
    public static string AptPackageFor(string tool)
    {
        var name = Path.GetFileName(tool);
        return name switch
        {
            "arm-none-eabi-gcc" or "arm-none-eabi-size" or "arm-none-eabi-objdump" =>
                "gcc-arm-none-eabi libnewlib-arm-none-eabi",
            "qemu-system-arm" => "qemu-system-arm",
            "gcc" or "cc" => "gcc",
            "cmake" => "cmake",
            "make" => "make",
            _ => name,
        };
    }

    /// <summary>Runs <paramref name="tool"/> (found on PATH or given as a path) and waits for it.</summary>
    /// <param name="tool">Executable name or path.</param>
    /// <param name="args">Arguments, passed without shell interpretation.</param>
    /// <param name="timeout">Kill the process tree after this long and report <see cref="ProcessResult.TimedOut"/>.</param>
    /// <param name="workingDirectory">Working directory, or null for the current one.</param>
    public static ProcessResult Run(string tool, IReadOnlyList<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var commandLine = tool + " " + string.Join(" ", args.Select(Quote));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"'{tool}' could not be started ({e.Message}); install it with: " +
                $"sudo apt-get install -y --no-install-recommends {AptPackageFor(tool)}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = process.WaitForExit(timeout);
        if (!finished)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // flush the asynchronous readers
        }

        clock.Stop();
        string o, e2;
        lock (stdout)
        {
            o = stdout.ToString();
        }

        lock (stderr)
        {
            e2 = stderr.ToString();
        }

        return new ProcessResult(commandLine, finished ? process.ExitCode : -1, o, e2, !finished, clock.Elapsed);
    }

    /// <summary>True when <paramref name="tool"/> is on PATH (or is an existing file).</summary>
    public static bool IsInstalled(string tool)
    {
        if (tool.Contains('/'))
        {
            return File.Exists(tool);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
    }

    /// <summary>Throws the install hint when <paramref name="tool"/> is missing.</summary>
    public static void Require(string tool)
    {
        if (!IsInstalled(tool))
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"'{tool}' is not installed (not found on PATH); install it with: " +
                $"sudo apt-get install -y --no-install-recommends {AptPackageFor(tool)}");
        }
    }

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_=./,:+@".Contains(c)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
