using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Cli.Commands;

/// <summary>
/// What a classifier head ('classes', docs/classifier-heads.md) is not built for yet, refused before any calibration:
/// tune (it scores routing by audio SNR).
/// </summary>
public static class ClassHeadLimits
{
    public static void CheckTune(DslManifest manifest)
    {
        if (manifest.Classes is not null)
        {
            throw new DslException(DslErrorCode.Usage, $"tune scores routing settings by the SNR of an audio output, which a classifier head ({manifest.Path} has 'classes') does not have; set 'switch.threshold' and 'hold' in dsl.json and check them with 'dslc validate'");
        }
    }
}
