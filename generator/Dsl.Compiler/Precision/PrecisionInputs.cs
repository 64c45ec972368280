using Dsl.Compiler.Ir;
using Dsl.Compiler.Manifest;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Precision;

/// <summary>What the precision decision reads.</summary>
/// <param name="Graph">The float streamed graph (the reference runs it).</param>
/// <param name="Manifest">dsl.json.</param>
/// <param name="HasLightOutput">False in gate mode: only the heavy output is judged.</param>
/// <param name="CalibrationClips">The calibration clips (name, samples): the evaluation audio comes from them.</param>
/// <param name="GainsDb">The calibration gains (null: the clips as they are).</param>
/// <param name="Candidates">Every activation tensor that could be int16: null when eligible, else why not.</param>
/// <param name="Build">The program with exactly these tensors int16 (same calibrated ranges; thread-safe).</param>
/// <param name="Key">The cache key (<see cref="PrecisionKey"/>).</param>
public sealed record PrecisionInputs(
    IrGraph Graph,
    DslManifest Manifest,
    bool HasLightOutput,
    IReadOnlyList<(string Name, short[] Pcm)> CalibrationClips,
    IReadOnlyList<double>? GainsDb,
    IReadOnlyDictionary<string, string?> Candidates,
    Func<IReadOnlySet<string>, ModelProgram> Build,
    string Key);
