namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// An error the user can cause (bad model, bad board profile, bad audio, bad option).
/// The message names the file, node or field and says what to do; the CLI prints it on
/// one line and exits with <see cref="ExitCode"/>. Anything else escaping is a dslc bug.
/// </summary>
public sealed class DslException : Exception
{
    public DslException(DslErrorCode code, string message)
        : base(OneLine(code, message))
    {
        Code = code;
    }

    public DslException(DslErrorCode code, string message, Exception inner)
        : base(OneLine(code, message), inner)
    {
        Code = code;
    }

    public DslErrorCode Code { get; }

    public int ExitCode => (int)Code;

    /// <summary>
    /// Errors about the user's inputs quote names and values from their files (node names, keys, parser
    /// messages), which may hold line breaks or other control characters; escaped here, those messages
    /// stay one line. Toolchain and mismatch errors keep their lines: they carry gcc's or the
    /// comparison's own multi-line report on purpose.
    /// </summary>
    private static string OneLine(DslErrorCode code, string message)
    {
        if (code is DslErrorCode.Toolchain or DslErrorCode.Mismatch || !message.Any(char.IsControl))
        {
            return message;
        }

        var sb = new System.Text.StringBuilder(message.Length + 16);
        foreach (char c in message)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return sb.ToString();
    }
}
