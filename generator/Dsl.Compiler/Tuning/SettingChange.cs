namespace Dsl.Compiler.Tuning;

/// <summary>One dsl.json field --budget rewrote: its JSON text before (null: absent) and after (the same when unchanged).</summary>
public sealed record SettingChange(string Field, string? Old, string New);
