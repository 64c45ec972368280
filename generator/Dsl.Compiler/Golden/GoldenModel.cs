using Dsl.Compiler.Routing;
using Dsl.Compiler.Schedule;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Golden;

/// <summary>
/// The bit-exact int8 model in C#: both paths, the handoff ring and the routing rule, with the
/// same API and the same integer behaviour as the generated C (docs/generated-api.md).
/// </summary>
public sealed class GoldenModel
{
    private readonly ModelProgram program;
    private readonly PathInterpreter light;
    private readonly PathInterpreter heavy;
    private readonly byte[][] ring;
    private readonly Router router;
    private readonly SilenceGate? silence;
    private long frame;

    public GoldenModel(ModelProgram program)
    {
        this.program = program;
        light = new PathInterpreter(program.Light, program.Rounding);
        heavy = new PathInterpreter(program.Heavy, program.Rounding);
        router = new Router(program.HoldFrames, program.ReplayFrames, program.Replay);
        silence = program.Silence is null ? null : new SilenceGate(program.Silence);
        ring = Enumerable.Range(0, program.ReplayFrames + 1).Select(_ => new byte[program.HandoffBytes]).ToArray();
        SwitchThreshold = program.SwitchThreshold;
        LightReset();
    }

    /// <summary>
    /// The switch threshold in int8 score units (m_set_switch_threshold / m_switch_threshold): a frame triggers when
    /// its score is &gt;= it. Starts at the compiled one; <see cref="LightReset"/> keeps it, as the C does (a setting
    /// of the firmware, not state of the audio stream).
    /// </summary>
    public int SwitchThreshold { get; set; }

    /// <summary>The light path's interpreter (for per-step diagnostics).</summary>
    public PathInterpreter Light => light;

    /// <summary>The heavy path's interpreter (for per-step diagnostics).</summary>
    public PathInterpreter Heavy => heavy;

    /// <summary>When set, both paths count the values their output stages clamp (<see cref="ClampCounter"/>).</summary>
    public ClampCounter? Clamps
    {
        get => light.Clamps;
        set
        {
            light.Clamps = value;
            heavy.Clamps = value;
        }
    }

    public void LightReset()
    {
        light.Reset();
        foreach (byte[] slot in ring)
        {
            Array.Clear(slot);
        }

        frame = 0;
        router.Reset();
        silence?.Reset();
    }

    public void HeavyReset() => heavy.Reset();

    /// <summary>Handoff of the frame processed <paramref name="age"/> frames ago (0 = the last one).</summary>
    public byte[] HandoffFrame(int age) => ring[(int)((frame - 1 - age) % ring.Length + ring.Length) % ring.Length];

    public Decision LightProcess(short[] input, short[] lightOut)
    {
        byte[] slot = ring[(int)(frame % ring.Length)];
        SilenceState gate = silence?.Next(input) ?? SilenceState.Open;
        var outBytes = new byte[lightOut.Length * 2];
        light.RunFrame(ToBytes(input), slot, outBytes);
        if (program.HasLightOutput)
        {
            Buffer.BlockCopy(outBytes, 0, lightOut, 0, outBytes.Length);
            SilenceGate.Apply(gate, lightOut);
        }
        else
        {
            Array.Clear(lightOut);
        }

        BufferSlice s = program.SwitchScore;
        int score = (sbyte)(s.Region == BufferRegion.Arena ? light.Arena : light.State)[s.Offset];
        RouteStep route = router.Next(score >= SwitchThreshold);
        frame++;
        return new Decision(route, score, gate);
    }

    /// <summary>One heavy call (m_heavy_process): <paramref name="heavyOut"/> gets the int16 audio frame, or the
    /// class scores (<see cref="ModelProgram.HeavyOutValues"/> of them, int8 or int16, widened).</summary>
    public void HeavyProcess(byte[] handoff, short[] heavyOut)
    {
        if (program.Classes is { ElementBytes: 1 })
        {
            var scores = new byte[heavyOut.Length];
            heavy.RunFrame(Array.Empty<byte>(), handoff, scores);
            for (int i = 0; i < scores.Length; i++)
            {
                heavyOut[i] = (sbyte)scores[i];
            }

            return;
        }

        var outBytes = new byte[heavyOut.Length * 2];
        heavy.RunFrame(Array.Empty<byte>(), handoff, outBytes);
        Buffer.BlockCopy(outBytes, 0, heavyOut, 0, outBytes.Length);
    }

    /// <summary>The heavy side of a routed frame (m_heavy_process_routed): reset and replay when the
    /// decision restarts the heavy path, then the frame, its output through the silence gate; nothing on a
    /// light frame (a classifier head: the gated scores).</summary>
    public void HeavyProcessRouted(Decision d, short[] heavyOut)
    {
        if (!d.Heavy && program.Classes is { } classes)
        {
            // A gated frame of a classifier head: the negative class at the maximum, the others at the minimum.
            int[] gated = classes.GatedScores();
            for (int i = 0; i < gated.Length; i++)
            {
                heavyOut[i] = (short)gated[i];
            }

            return;
        }

        Router.RunHeavy(d.Route, HandoffFrame, HeavyReset, HeavyProcess, heavyOut);
        if (d.Heavy)
        {
            SilenceGate.Apply(d.Silence, heavyOut);
        }
    }

    /// <summary>
    /// Runs a clip the way the test harness does (light every frame, then the routed heavy side) and
    /// returns its trace; each record's <see cref="FrameRecord.Process"/> is the routed output m_process
    /// must give. <paramref name="alwaysHeavy"/> runs the heavy path on every frame instead (no reset,
    /// no replay): the continuous execution that replay must reproduce. Both outputs pass the silence gate.
    /// <paramref name="beforeFrame"/> is called with each frame's index before the frame (as a test harness built
    /// with DSL_HARNESS_BEFORE_FRAME calls its hook), e.g. to change <see cref="SwitchThreshold"/> mid-clip.
    /// </summary>
    public List<FrameRecord> RunClip(short[] pcm, bool alwaysHeavy = false, Action<int>? beforeFrame = null)
    {
        int n = program.FrameSamples;
        LightReset();
        HeavyReset();
        var records = new List<FrameRecord>();
        for (int f = 0; f + n <= pcm.Length; f += n)
        {
            beforeFrame?.Invoke(records.Count);
            short[] input = pcm[f..(f + n)];
            var lightOut = new short[n];
            var heavyOut = new short[program.HeavyOutValues];
            Decision d = LightProcess(input, lightOut);
            if (alwaysHeavy)
            {
                HeavyProcess(HandoffFrame(0), heavyOut);
                SilenceGate.Apply(d.Silence, heavyOut);
            }
            else
            {
                HeavyProcessRouted(d, heavyOut);
            }

            records.Add(FrameRecord.Routed(d.Heavy ? 1 : 0, d.ReplayFrames, d.SwitchScore, 0, 0, lightOut,
                HandoffFrame(0).Select(b => (sbyte)b).ToArray(), heavyOut, program.Classes is not null));
        }

        return records;
    }

    private static byte[] ToBytes(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
