namespace Dsl.Compiler.Tests.Onnx;

/// <summary>Locates tests/fixtures/onnx (the torch-exported models) from the test binary's directory.</summary>
public static class OnnxFixtures
{
    public static string Directory { get; } = Find();

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Find()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "fixtures", "onnx");
            if (File.Exists(Path.Combine(d.FullName, "dsl-embedded.sln")) && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/fixtures/onnx not found above {AppContext.BaseDirectory}");
    }
}
