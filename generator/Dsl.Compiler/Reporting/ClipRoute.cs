namespace Dsl.Compiler.Reporting;

/// <summary>The frames of one clip as the golden light path routed them, from a reset model.</summary>
/// <param name="Name">The clip's file name, for captions.</param>
public sealed record ClipRoute(string Name, IReadOnlyList<FrameRoute> Frames)
{
    /// <summary>Frames whose route differs from the frame before (light to heavy or back).</summary>
    public int Transitions => Enumerable.Range(1, Math.Max(0, Frames.Count - 1)).Count(i => Frames[i].Heavy != Frames[i - 1].Heavy);
}
