namespace Dsl.Compiler.Tests.Cli;

/// <summary>Tests that run dslc's Main in-process redirect the process-wide Console, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection
{
    public const string Name = "dslc in-process";
}
