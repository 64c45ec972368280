namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// Reads a file the user gave (a model, dsl.json, a WAV, a board profile, a trace): an I/O failure becomes one
/// <see cref="DslErrorCode.Io"/> line naming the file and what it should have been, never an internal error.
/// </summary>
public static class InputFile
{
    /// <summary>The whole file; <paramref name="what"/> names it in the message ("the ONNX model", "frame trace").</summary>
    public static byte[] ReadBytes(string path, string what) => Read(path, what, File.ReadAllBytes);

    /// <summary>The whole file as UTF-8 text.</summary>
    public static string ReadText(string path, string what) => Read(path, what, File.ReadAllText);

    private static T Read<T>(string path, string what, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DslException(DslErrorCode.Io, $"{path}: cannot read {what}: {e.Message}; check the path and its permissions", e);
        }
    }
}
