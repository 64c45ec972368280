using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Tests.Manifest;
using Dsl.Compiler.Precision;
using Xunit;

namespace Dsl.Compiler.Tests.Precision;

/// <summary>--target-snr and dsl.json 'target_snr_db': a number of dB or off; anything else refused with the
/// option's or field's exit code.</summary>
public sealed class TargetSnrOptionTests
{
    private static DslManifest Load(string json) => TinyManifestVariant.Load("target_snr_db", json);

    [Theory]
    [InlineData("30", 30.0, false)]
    [InlineData(" 27.5 ", 27.5, false)]
    [InlineData("OFF", 0.0, true)]
    public void ParsesDbOrOff(string text, double db, bool off)
    {
        TargetSnr t = TargetSnr.Parse(text, DslErrorCode.Usage, "--target-snr");

        Assert.Equal(off, t.Off);
        Assert.Equal(db, t.Db);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("1e9")]
    [InlineData("NaN")]
    public void RefusesAnythingElseAsUsage(string text)
    {
        var e = Assert.Throws<DslException>(() => TargetSnr.Parse(text, DslErrorCode.Usage, "--target-snr"));

        Assert.Equal(DslErrorCode.Usage, e.Code);
        Assert.StartsWith("--target-snr: ", e.Message);
    }

    [Fact]
    public void DslJsonTakesANumberOrOff()
    {
        Assert.Equal(new TargetSnr(25, false), Load("25").TargetSnr);
        Assert.True(Load("\"off\"").TargetSnr!.Off);
        Assert.Null(DslManifestLoader.Load(Fixtures.TinyDsl).TargetSnr);
        var e = Assert.Throws<DslException>(() => Load("[30]"));
        Assert.Equal(DslErrorCode.Manifest, e.Code);
        Assert.Contains("field 'target_snr_db'", e.Message);
    }
}
