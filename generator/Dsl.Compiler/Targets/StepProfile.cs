using System.Buffers.Binary;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Targets;

/// <summary>
/// The per-step profile the test firmware writes when built with <c>DSL_PROFILE_STEPS</c>
/// (runtime-c/harness/dsl_harness_profile.h): little-endian <c>"DSLP"</c>, version 1, counter overhead,
/// hook residual, hook cost, light steps, heavy steps (uint32 each), then one <c>{ uint32 calls,
/// uint64 instructions }</c> record per light step, then per heavy step.
/// </summary>
/// <param name="CounterOverheadInstructions">Counter read cost, subtracted from every step (as from every path count).</param>
/// <param name="HookResidualInstructions">The hooks' own instructions inside a step's window, also subtracted per step.</param>
/// <param name="HookInstructions">What one BEGIN/END pair adds to a path when profiling is on.</param>
/// <param name="Light">Light steps in execution order.</param>
/// <param name="Heavy">Heavy steps in execution order.</param>
public sealed record StepProfile(
    long CounterOverheadInstructions,
    long HookResidualInstructions,
    long HookInstructions,
    IReadOnlyList<StepCount> Light,
    IReadOnlyList<StepCount> Heavy)
{
    public const uint Version = 1;
    public const int HeaderBytes = 28;
    public const int RecordBytes = 12;

    private static ReadOnlySpan<byte> Magic => "DSLP"u8;

    /// <summary>The steps of <paramref name="path"/> (<c>light</c> or <c>heavy</c>).</summary>
    public IReadOnlyList<StepCount> Of(string path) => path == "light" ? Light : Heavy;

    /// <summary>Reads a profile file; a missing, bad or truncated file is a <see cref="DslErrorCode.Io"/> error naming it.</summary>
    public static StepProfile Read(string path)
    {
        byte[] bytes = InputFile.ReadBytes(path, "the step profile");

        return Parse(bytes, path);
    }

    /// <summary>Parses profile bytes; <paramref name="name"/> is used in messages.</summary>
    public static StepProfile Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < HeaderBytes)
        {
            throw Bad(name, $"truncated header: {bytes.Length} bytes, a step profile starts with a {HeaderBytes}-byte header");
        }

        if (!bytes[..4].SequenceEqual(Magic))
        {
            throw Bad(name, "not a step profile (no DSLP magic)");
        }

        var header = bytes[..HeaderBytes].ToArray();
        uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(offset));
        if (U32(4) != Version)
        {
            throw Bad(name, $"version {U32(4)}, dslc reads version {Version}; rebuild the firmware with this dslc");
        }

        long lightSteps = U32(20);
        long heavySteps = U32(24);
        long expected = HeaderBytes + ((lightSteps + heavySteps) * RecordBytes);
        if (bytes.Length != expected)
        {
            throw Bad(name, $"{bytes.Length} bytes, but {lightSteps} light and {heavySteps} heavy steps make {expected}");
        }

        var light = new List<StepCount>();
        var heavy = new List<StepCount>();
        for (var i = 0; i < lightSteps + heavySteps; i++)
        {
            var r = bytes.Slice(HeaderBytes + (i * RecordBytes), RecordBytes);
            var instructions = BinaryPrimitives.ReadUInt64LittleEndian(r[4..]);
            if (instructions > long.MaxValue)
            {
                throw Bad(name, $"step record {i}: instruction count {instructions} out of range");
            }

            (i < lightSteps ? light : heavy).Add(new StepCount(BinaryPrimitives.ReadUInt32LittleEndian(r), (long)instructions));
        }

        return new StepProfile(U32(8), U32(12), U32(16), light, heavy);
    }

    private static DslException Bad(string name, string what) =>
        new(DslErrorCode.Io, $"{name}: {what} (did the profiling firmware run and exit 0?)");
}
