using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Cli.Commands;

/// <summary>
/// What a classifier head ('classes', docs/classifier-heads.md) is not built for yet, refused before any calibration:
/// the nanoFramework binding (its managed API passes audio frames) and tune (it scores routing by audio SNR).
/// </summary>
public static class ClassHeadLimits
{
    public static void CheckNanoFramework(DslManifest manifest, bool nanoFramework)
    {
        if (manifest.Classes is not null && nanoFramework)
        {
            throw new DslException(DslErrorCode.Usage, $"--nanoframework: the nanoFramework binding passes audio frames and does not support a classifier head ({manifest.Path} has 'classes') yet; drop --nanoframework");
        }
    }

    public static void CheckTune(DslManifest manifest)
    {
        if (manifest.Classes is not null)
        {
            throw new DslException(DslErrorCode.Usage, $"tune scores routing settings by the SNR of an audio output, which a classifier head ({manifest.Path} has 'classes') does not have; set 'switch.threshold' and 'hold' in dsl.json and check them with 'dslc validate'");
        }
    }
}
