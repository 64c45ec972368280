namespace Dsl.Compiler.Boards;

/// <summary>How an emulated two-core board runs the heavy core's image in the same QEMU run as the light
/// core's (which boots with <c>-kernel</c>).</summary>
/// <param name="Image">How the image is loaded: <c>raw</c> = a binary at the heavy core's flash origin
/// (<c>-device loader,file=&lt;heavy&gt;.bin,addr=&lt;origin&gt;,force-raw=on</c>). Two ELFs cannot be
/// used: both carry the NOLOAD shared section at one address, which QEMU refuses as overlapping.</param>
/// <param name="Start">Who starts the heavy core: <c>sse200</c> = the light core writes the heavy core's
/// vector table address to INITSVTOR1 and clears CPUWAIT bit 1 (runtime-c/target/dsl_sse200.c).</param>
public sealed record QemuHeavyCore(string Image, string Start)
{
    /// <summary>Values of <c>qemu.heavy_image</c> dslc knows how to load.</summary>
    public static IReadOnlyList<string> Images { get; } = ["raw"];

    /// <summary>Values of <c>qemu.heavy_start</c> dslc knows how to generate.</summary>
    public static IReadOnlyList<string> Starts { get; } = ["sse200"];
}
