using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Toolchain;

/// <summary>Runs gcc (host) or arm-none-eabi-gcc (target) and turns a failed build into a
/// <see cref="DslException"/> carrying the compiler's diagnostics.</summary>
/// <param name="Executable">The compiler, e.g. <c>gcc</c> or <c>arm-none-eabi-gcc</c>.</param>
/// <param name="Timeout">How long one compile may take.</param>
public sealed record GccCompiler(string Executable, TimeSpan Timeout)
{
    /// <summary>The host C compiler.</summary>
    public static GccCompiler Host => new("gcc", TimeSpan.FromMinutes(5));

    /// <summary>The Arm bare-metal cross compiler.</summary>
    public static GccCompiler Arm => new("arm-none-eabi-gcc", TimeSpan.FromMinutes(5));

    /// <summary>Builds <paramref name="request"/>; returns the result (warnings in StdErr) or throws
    /// <see cref="DslErrorCode.Toolchain"/> with the diagnostics when the compiler fails.</summary>
    public ProcessResult Compile(CompileRequest request)
    {
        ToolRunner.Require(Executable);
        var dir = Path.GetDirectoryName(Path.GetFullPath(request.Output));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var args = new List<string>();
        args.AddRange(request.Flags);
        args.AddRange(request.Defines.Select(d => "-D" + d));
        args.AddRange(request.IncludeDirs.Select(i => "-I" + i));
        args.AddRange(request.Sources);
        args.Add("-o");
        args.Add(request.Output);
        args.AddRange(request.LinkFlags);
        var result = ToolRunner.Run(Executable, args, Timeout);
        if (result.TimedOut)
        {
            throw new DslException(DslErrorCode.Toolchain,
                $"{Executable} did not finish within {Timeout.TotalSeconds:0} s building {request.Output}");
        }

        if (result.ExitCode != 0)
        {
            var diagnostics = (result.StdErr + result.StdOut).Trim();
            throw new DslException(DslErrorCode.Toolchain,
                $"{Executable} failed (exit code {result.ExitCode}) building {request.Output}:{Environment.NewLine}" +
                $"{diagnostics}{Environment.NewLine}command: {result.CommandLine}");
        }

        return result;
    }
}
