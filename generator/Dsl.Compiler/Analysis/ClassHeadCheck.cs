using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Analysis;

/// <summary>
/// A classifier head ('classes') must be a frame-rate output: one vector of C scores per frame ([1, C, frames]),
/// C the number of labels. Checked on the imported graph, where the channel count is known.
/// </summary>
public static class ClassHeadCheck
{
    public static void Check(IrGraph graph, DslManifest manifest)
    {
        if (manifest.Classes is not { } classes)
        {
            return;
        }

        string output = manifest.ClassOutput!;
        string tensor = graph.OutputTensor(output);
        int channels = graph.Tensor(tensor).Channels;
        int rows = graph.Rows(tensor);
        if (rows != 1)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: output '{output}' has {rows} steps per frame, but 'classes' needs one score vector per frame ([1, C, frames]); remove 'classes' for an audio output");
        }

        if (channels != classes.Count)
        {
            throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: output '{output}' has {channels} channels but 'classes' lists {classes.Count}; give one label per channel, in channel order");
        }
    }
}
