using Dsl.Compiler.Golden;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Reporting;

/// <summary>
/// Every frame of some audio routed by the golden model's light path (switch, hold and replay exactly as the C
/// runs them), recorded once so the route profile of the real-time report and the routing plots share one run.
/// </summary>
/// <param name="What">Names the audio ("the model's test audio (13 clip(s))").</param>
/// <param name="Threshold">The int8 switch threshold the scores were compared with.</param>
/// <param name="SecondsPerFrame">Frame length in seconds, for time axes.</param>
public sealed record RoutingTrace(string What, IReadOnlyList<ClipRoute> Clips, int Threshold, double SecondsPerFrame)
{
    /// <summary>Routes every frame of each clip (each from a reset model); only the light path runs.</summary>
    public static RoutingTrace Measure(ModelProgram program, IEnumerable<(string Name, short[] Pcm)> clips, string what)
    {
        var model = new GoldenModel(program);
        int n = program.FrameSamples;
        var lightOut = new short[n];
        var routed = new List<ClipRoute>();
        foreach ((string name, short[] pcm) in clips)
        {
            model.LightReset();
            var frames = new List<FrameRoute>(pcm.Length / n);
            for (int f = 0; f + n <= pcm.Length; f += n)
            {
                Decision d = model.LightProcess(pcm[f..(f + n)], lightOut);
                frames.Add(new FrameRoute(d.Heavy, d.Route.RestartHeavy, d.Heavy ? 1 + d.ReplayFrames : 0, d.SwitchScore, InputLevels.RmsDbfs(pcm, f, n)));
            }

            routed.Add(new ClipRoute(name, frames));
        }

        return new RoutingTrace(what, routed, program.SwitchThreshold, (double)n / program.SampleRate);
    }

    public long Frames => Clips.Sum(c => (long)c.Frames.Count);
}
