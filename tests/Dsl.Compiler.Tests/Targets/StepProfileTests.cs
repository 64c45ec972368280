using System.Buffers.Binary;
using Dsl.Compiler.Boards;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Targets;

namespace Dsl.Compiler.Tests.Targets;

/// <summary>The step profile file of runtime-c/harness/dsl_harness_profile.h, parsed without QEMU.</summary>
public class StepProfileTests
{
    /// <summary>A profile as the harness writes it: header, then { calls, instructions (uint64) } per step.</summary>
    internal static byte[] Bytes(uint version, uint overhead, uint residual, uint hook, (uint Calls, ulong Instr)[] light,
        (uint Calls, ulong Instr)[] heavy)
    {
        var b = new byte[StepProfile.HeaderBytes + ((light.Length + heavy.Length) * StepProfile.RecordBytes)];
        "DSLP"u8.CopyTo(b);
        uint[] header = [version, overhead, residual, hook, (uint)light.Length, (uint)heavy.Length];
        for (var i = 0; i < header.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4 + (4 * i)), header[i]);
        }

        var o = StepProfile.HeaderBytes;
        foreach (var (calls, instr) in light.Concat(heavy))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(o), calls);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(o + 4), instr);
            o += StepProfile.RecordBytes;
        }

        return b;
    }

    [Fact]
    public void Parses_header_and_steps_of_both_paths_in_order()
    {
        var p = StepProfile.Parse(Bytes(1, 12, 18, 86, [(10, 1000), (10, 55)], [(7, 7_000_000_000), (0, 0), (7, 14)]), "p.bin");
        Assert.Equal(12, p.CounterOverheadInstructions);
        Assert.Equal(18, p.HookResidualInstructions);
        Assert.Equal(86, p.HookInstructions);
        Assert.Equal([new StepCount(10, 1000), new StepCount(10, 55)], p.Light);
        Assert.Equal(3, p.Heavy.Count);
        Assert.Equal(7_000_000_000, p.Heavy[0].Instructions); // beyond 32 bits: the high word is read
        Assert.Equal(1e9, p.Heavy[0].MeanInstructions);
        Assert.Equal(0, p.Heavy[1].MeanInstructions);      // a step that never ran
        Assert.Same(p.Heavy, p.Of("heavy"));
        Assert.Same(p.Light, p.Of("light"));
    }

    [Fact]
    public void A_path_without_steps_is_valid()
    {
        var p = StepProfile.Parse(Bytes(1, 0, 0, 0, [], [(1, 2)]), "p.bin");
        Assert.Empty(p.Light);
        Assert.Single(p.Heavy);
    }

    public static TheoryData<string, string> BadFiles()
    {
        var good = Bytes(1, 1, 1, 1, [(1, 1)], [(1, 1)]);
        var magic = (byte[])good.Clone();
        magic[3] = (byte)'T';
        return new TheoryData<string, string>
        {
            { Convert.ToHexString(good[..27]), "truncated header" },
            { Convert.ToHexString(magic), "no DSLP magic" },
            { Convert.ToHexString(Bytes(2, 1, 1, 1, [], [])), "version 2" },
            { Convert.ToHexString(good[..^1]), "1 light and 1 heavy steps make 52" },
            { Convert.ToHexString([.. good, 0]), "1 light and 1 heavy steps make 52" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_an_io_error_naming_it(string hex, string what)
    {
        var e = Assert.Throws<DslException>(() => StepProfile.Parse(Convert.FromHexString(hex), "dir/p.bin"));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.StartsWith("dir/p.bin: ", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Only_the_profiling_firmware_defines_the_hooks_and_links_the_table()
    {
        var board = BoardProfileLoader.Load("mps2-an386", FakeModel.Repo.BoardsDir);
        var model = ModelFolder.Load(FakeModel.FixtureDir);
        var plain = BuildPlanner.ForTestFirmware(board, model, FakeModel.Repo.HarnessDir, FakeModel.Repo.TargetDir, "ld");
        var profiling = BuildPlanner.ForTestFirmware(board, model, FakeModel.Repo.HarnessDir, FakeModel.Repo.TargetDir, "ld", profileSteps: true);
        Assert.DoesNotContain(plain.Sources, s => s.EndsWith("dsl_harness_profile.c", StringComparison.Ordinal));
        Assert.DoesNotContain("DSL_PROFILE_STEPS=1", plain.Defines);
        Assert.Equal([.. plain.Sources.Take(2), Path.Combine(FakeModel.Repo.HarnessDir, "dsl_harness_profile.c"), .. plain.Sources.Skip(2)],
            profiling.Sources);
        Assert.Equal([.. plain.Defines, "DSL_PROFILE_STEPS=1"], profiling.Defines);
        Assert.NotEqual(plain.Name, profiling.Name);
    }

    [Fact]
    public void A_missing_file_is_an_io_error()
    {
        var e = Assert.Throws<DslException>(() => StepProfile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "p.bin")));
        Assert.Equal(DslErrorCode.Io, e.Code);
        Assert.Contains("cannot read the step profile", e.Message);
    }
}
