namespace Dsl.Cli.Checks;

/// <summary>Max |onnxruntime - float reference| of one output, relative to its max |onnxruntime| value.</summary>
public sealed record OnnxRuntimeOutputError(string Output, double RelativeError);
