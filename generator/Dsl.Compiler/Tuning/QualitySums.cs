using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Tuning;

/// <summary>Accumulates the frames of a routed run into <see cref="QualityFigures"/>.</summary>
public sealed class QualitySums
{
    private double heavySignal, inputSignal, errorVsHeavy, errorVsInput, lsdVsHeavy, lsdVsInput;
    private long frames;

    public void Add(TuneFrame frame, OutputScore score)
    {
        ArgumentNullException.ThrowIfNull(frame);
        heavySignal += frame.HeavyEnergy;
        inputSignal += frame.InputEnergy;
        errorVsHeavy += score.ErrorVsHeavy;
        errorVsInput += score.ErrorVsInput;
        lsdVsHeavy += score.LsdVsHeavy;
        lsdVsInput += score.LsdVsInput;
        frames++;
    }

    public QualityFigures Figures()
    {
        long n = Math.Max(frames, 1);
        double snrHeavy = errorVsHeavy == 0 ? double.PositiveInfinity : QualityMetrics.Snr(heavySignal, errorVsHeavy);
        return new QualityFigures(snrHeavy, lsdVsHeavy / n, QualityMetrics.Snr(inputSignal, errorVsInput), lsdVsInput / n);
    }
}
