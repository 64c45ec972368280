using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Errors;

public sealed class DslExceptionTests
{
    [Theory]
    [InlineData(DslErrorCode.Model)]
    [InlineData(DslErrorCode.Manifest)]
    [InlineData(DslErrorCode.Board)]
    public void Input_errors_quoting_a_name_with_a_line_break_stay_one_line(DslErrorCode code)
    {
        // A node name from a hostile file: "x\nFAKE: all good".
        var e = new DslException(code, "model.onnx: node 'x\nFAKE: all good' (Conv) is not supported");
        Assert.Equal("model.onnx: node 'x\\u000AFAKE: all good' (Conv) is not supported", e.Message);
    }

    [Fact]
    public void Toolchain_errors_keep_the_lines_of_the_tool_output()
    {
        var e = new DslException(DslErrorCode.Toolchain, "gcc failed:\na.c:1: error");
        Assert.Contains('\n', e.Message);
    }
}
