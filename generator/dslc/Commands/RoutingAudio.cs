using Dsl.Compiler.Audio;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Reporting;

namespace Dsl.Cli.Commands;

/// <summary>The audio generate routes with the golden light path for the real-time report and the routing plots:
/// the model's test audio, else its calibration audio (--calibration when given), else none.</summary>
public static class RoutingAudio
{
    /// <returns>The trace, whether it is the test audio (only that measures the route profile), and why there is no
    /// trace. Audio that cannot be read only skips the plots here: the real-time check, which needs the test audio,
    /// reads it again and reports the error as it always did.</returns>
    public static (RoutingTrace? Trace, bool IsTestAudio, string Skipped) Trace(CompiledModel model, IEnumerable<string> calibration)
    {
        DslManifest manifest = model.Manifest;
        try
        {
            IReadOnlyList<string> test = CommandSupport.TestAudio(manifest, Array.Empty<string>());
            IReadOnlyList<string> clips = test.Count > 0 ? test
                : calibration.Any() ? calibration.ToList() : ManifestFiles.Expand(manifest, manifest.CalibrationPatterns, "calibration");
            if (clips.Count == 0)
            {
                return (null, false, "the model has no test or calibration audio");
            }

            string what = $"the model's {(test.Count > 0 ? "test" : "calibration")} audio ({clips.Count} clip(s))";
            RoutingTrace trace = RoutingTrace.Measure(model.Program,
                clips.Select(c => (Path.GetFileName(c), StreamedAudio.Read(c, manifest.SampleRate, manifest.Frame))), what);
            return (trace, test.Count > 0, "");
        }
        catch (DslException e)
        {
            return (null, false, $"the audio to route could not be read ({e.Message})");
        }
    }
}
