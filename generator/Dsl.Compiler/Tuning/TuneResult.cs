namespace Dsl.Compiler.Tuning;

/// <summary>Everything dslc tune found: the swept points (front marked), the model's current setting among them, and
/// the two ends for reference (light-only and always-heavy, with their quality against the input).</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Board">The board the loads and power are priced on.</param>
/// <param name="HeavyCore">The board's heavy core.</param>
/// <param name="Variant">Its kernel variant (the cost table's figures).</param>
/// <param name="ReceptiveField">R: the frames an exact replay runs.</param>
/// <param name="Clips">The clips swept over (file names).</param>
/// <param name="Frames">Frames over all clips.</param>
/// <param name="Points">Every swept point, in sweep order: exact (policy, hold, threshold), then bounded replay.</param>
/// <param name="Current">dsl.json's own setting (threshold, hold, policy, R).</param>
/// <param name="AlwaysHeavy">One heavy call every frame.</param>
/// <param name="LightOnly">The light output on every frame, the heavy path never run.</param>
public sealed record TuneResult(string Model, string Board, string HeavyCore, string Variant, int ReceptiveField,
    IReadOnlyList<string> Clips, long Frames, IReadOnlyList<TunePoint> Points, TunePoint Current, TunePoint AlwaysHeavy, TunePoint LightOnly)
{
    public IEnumerable<TunePoint> Front => Points.Where(p => p.OnFront);

    /// <summary>The points as a plot takes them.</summary>
    public IReadOnlyList<ParetoPoint> ParetoPoints => Points.Select(ParetoPoint.Of).ToList();
}
