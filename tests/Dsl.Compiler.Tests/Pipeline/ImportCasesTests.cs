using Dsl.Compiler.Ir;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Tests.Cli;

namespace Dsl.Compiler.Tests.Pipeline;

/// <summary>
/// Models as ordinary PyTorch code exports them (tests/fixtures/import_cases, made by make_import_cases.py):
/// each imports to the expected streamed form and `dslc validate` finds the emitted C bit-exact with the golden
/// model on the host; the ones that end in a nonlinearity also on the dsp (M4) and Helium (M55) boards.
/// </summary>
public sealed class ImportCasesTests
{
    private static string Case(string name) => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "import_cases", name, "dsl.json");

    [Theory]
    [InlineData("sym_pad_crop")]
    [InlineData("no_bias")]
    [InlineData("batchnorm")]
    [InlineData("prelu")]
    [InlineData("prelu_channels")]
    [InlineData("tanh_out")]
    [InlineData("sigmoid_out")]
    [InlineData("hardtanh_out")]
    public void Validates_bit_exact_on_the_host(string name) => Validate(name);

    [Theory]
    [Trait("Category", "Qemu")]
    [InlineData("tanh_out", "mps2-an386")]
    [InlineData("hardtanh_out", "mps3-an547")]
    public void A_final_nonlinearity_validates_bit_exact_on_a_board(string name, string board) => Validate(name, "--board", board);

    [Theory]
    [InlineData("tanh_out", ActivationKind.Tanh)]
    [InlineData("sigmoid_out", ActivationKind.Sigmoid)]
    [InlineData("hardtanh_out", ActivationKind.Clip)]
    public void The_final_nonlinearity_fuses_into_the_last_conv_of_each_decoder(string name, ActivationKind kind)
    {
        var (manifest, graph, _) = ModelCompiler.Analyze(Case(name));
        foreach (string output in new[] { "light", "heavy" })
        {
            IrNode last = graph.Nodes.Single(n => n.Output == graph.OutputTensor(output));
            Assert.Equal(kind, Assert.IsType<ConvNode>(last).Activation.Kind);
        }

        Assert.Equal("switch_logit", manifest.SwitchOutput);
    }

    [Fact]
    public void The_unfolded_batch_norm_folds_into_its_conv()
    {
        var (_, graph, _) = ModelCompiler.Analyze(Case("batchnorm"));
        Assert.DoesNotContain(graph.Nodes, n => n is ElementwiseNode);
    }

    [Fact]
    public void A_per_channel_prelu_becomes_a_relu_two_multiplies_and_an_add()
    {
        var (_, graph, _) = ModelCompiler.Analyze(Case("prelu_channels"));
        Assert.Equal(2, graph.Nodes.Count(n => n is ActivationNode { Activation.Kind: ActivationKind.Relu }));
        Assert.Equal(4, graph.Nodes.Count(n => n is ElementwiseNode { Op: ElementwiseOp.Mul, Constant: not null }));
        Assert.Equal(2, graph.Nodes.Count(n => n is ElementwiseNode { Op: ElementwiseOp.Add, Constant: null }));
    }

    private static void Validate(string name, params string[] more)
    {
        string work = Directory.CreateTempSubdirectory("dslc-import-").FullName;
        try
        {
            DslcProcess.Result r = DslcProcess.Run(["validate", "-m", Case(name), "--work", Path.Combine(work, "w"), "-q", .. more]);
            Assert.True(r.Code == 0, $"{name}: exit {r.Code}\n{r.StdOut}{r.StdErr}");
            Assert.Contains("bit-exact on", r.StdOut);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
