namespace Dsl.Compiler.Emit;

/// <summary>One constant array of a weights file: <c>const Type Name[Length] = { Body };</c></summary>
internal sealed record CArray(string Type, string Name, int Length, string Body);
