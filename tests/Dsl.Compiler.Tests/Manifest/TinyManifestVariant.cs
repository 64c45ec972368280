using System.Text;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Tests.Manifest;

/// <summary>The tiny fixture's dsl.json with one more top-level field, loaded from a temporary folder: for tests of
/// how a field parses (the model files are not copied, so it is not compilable).</summary>
internal static class TinyManifestVariant
{
    public static DslManifest Load(string field, string json)
    {
        string text = File.ReadAllText(Fixtures.TinyDsl).TrimEnd().TrimEnd('}') + $", \"{field}\": {json} }}";
        string dir = Directory.CreateTempSubdirectory("dslc-manifest-").FullName;
        try
        {
            string path = Path.Combine(dir, "dsl.json");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return DslManifestLoader.Load(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
