using Dsl.Compiler.Audio;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;

namespace Dsl.Cli.Commands;

/// <summary>The audio generate routes with the golden light path for the real-time report and the routing plots:
/// the model's test audio, else its calibration audio (--calibration when given), else none.</summary>
public static class RoutingAudio
{
    /// <returns>The trace (null without audio) and whether it is the test audio (only that measures the route profile).</returns>
    public static (RoutingTrace? Trace, bool IsTestAudio) Trace(CompiledModel model, IEnumerable<string> calibration)
    {
        DslManifest manifest = model.Manifest;
        IReadOnlyList<string> test = CommandSupport.TestAudio(manifest, Array.Empty<string>());
        IReadOnlyList<string> calib = test.Count > 0 ? [] : calibration.Any() ? calibration.ToList() : ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration");
        IReadOnlyList<string> clips = test.Count > 0 ? test : calib;
        if (clips.Count == 0)
        {
            return (null, false);
        }

        string what = test.Count > 0 ? $"the model's test audio ({clips.Count} clip(s))" : $"the model's calibration audio ({clips.Count} clip(s))";
        RoutingTrace trace = RoutingTrace.Measure(model.Program,
            clips.Select(c => (Path.GetFileName(c), StreamedAudio.Read(c, manifest.SampleRate, manifest.Frame))), what);
        return (trace, test.Count > 0);
    }
}
