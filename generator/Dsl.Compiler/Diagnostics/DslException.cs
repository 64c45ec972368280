namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// An error the user can cause (bad model, bad board profile, bad audio, bad option).
/// The message names the file, node or field and says what to do; the CLI prints it on
/// one line and exits with <see cref="ExitCode"/>. Anything else escaping is a dslc bug.
/// </summary>
public sealed class DslException : Exception
{
    public DslException(DslErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public DslException(DslErrorCode code, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
    }

    public DslErrorCode Code { get; }

    public int ExitCode => (int)Code;
}
