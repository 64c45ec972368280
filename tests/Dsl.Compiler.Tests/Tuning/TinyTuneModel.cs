using Dsl.Compiler.Audio;
using Dsl.Compiler.Pipeline;
using Dsl.Compiler.Tuning;

namespace Dsl.Compiler.Tests.Tuning;

/// <summary>The tiny fixture compiled once, and its test clip prepared for the sweep (shared by the tuning tests).</summary>
public sealed class TinyTuneModel
{
    public TinyTuneModel()
    {
        Model = ModelCompiler.Compile(Fixtures.TinyDsl, new CompileOptions());
        Pcm = StreamedAudio.Read(Fixtures.TinyDslTestAudio, Model.Manifest.SampleRate, Model.Manifest.Frame);
        Lsd = new LogSpectralDistance(Model.Manifest.Frame);
        Clip = TuneClip.Of(Model.Program, "synth.wav", Pcm, Lsd);
        Sweep = new RoutingSweep(Model.Program, [Clip], Lsd);
    }

    public CompiledModel Model { get; }

    public short[] Pcm { get; }

    public LogSpectralDistance Lsd { get; }

    public TuneClip Clip { get; }

    public RoutingSweep Sweep { get; }
}
