"""Tiny audio helpers: decode anything to 16 kHz mono int16 with ffmpeg/sox, read/write WAV.

sox always gets -R (no random dither) and -D so rebuilds are byte-identical."""
import subprocess
import wave

import numpy as np

SR = 16000


def _run(cmd):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout


def decode_g722(path, offset=None, dur=None):
    cmd = ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "g722", "-i", path]
    if offset is not None:
        cmd += ["-ss", str(offset), "-t", str(dur)]
    cmd += ["-ar", str(SR), "-ac", "1", "-f", "s16le", "-c:a", "pcm_s16le", "-"]
    return np.frombuffer(_run(cmd), dtype="<i2").copy()


def decode_sox(path):
    cmd = ["sox", "-R", "-D", path, "-r", str(SR), "-c", "1", "-b", "16", "-e", "signed-integer",
           "-t", "raw", "-"]
    return np.frombuffer(_run(cmd), dtype="<i2").copy()


def synth_sox(kind, dbfs, sec):
    """Coloured noise from sox's own generator; -R makes its seed fixed."""
    amp = 10 ** (dbfs / 20.0)
    cmd = ["sox", "-R", "-D", "-n", "-r", str(SR), "-c", "1", "-b", "16", "-e", "signed-integer",
           "-t", "raw", "-", "synth", str(sec), kind, "vol", "%.6f" % amp]
    return np.frombuffer(_run(cmd), dtype="<i2").copy()


def tts_espeak(voice, text, opts=()):
    """opts: extra espeak-ng options, e.g. ("-s", "150", "-p", "60") for speed and pitch."""
    wav = _run(["espeak-ng", "-v", voice] + list(opts) + ["--stdout", text])
    return _wav_bytes_to_16k(wav)


def tts_flite(voice, text, opts=()):
    """opts: extra flite options, e.g. ("--setf", "duration_stretch=1.2")."""
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "t.wav")
        _run(["flite", "-voice", voice] + list(opts) + ["-t", text, "-o", p])
        return decode_sox(p)


def _wav_bytes_to_16k(wav):
    p = subprocess.run(["sox", "-R", "-D", "-t", "wav", "-", "-r", str(SR), "-c", "1", "-b", "16",
                        "-e", "signed-integer", "-t", "raw", "-"], input=wav, check=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return np.frombuffer(p.stdout, dtype="<i2").copy()


class WavError(ValueError):
    """A WAV the trainer cannot use as it is; the message says why and names the file."""


def write_wav(path, x, sr=SR):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(np.asarray(x, dtype="<i2").tobytes())


def read_wav(path, sr=SR):
    """Mono 16-bit PCM at sr; anything else is a WavError (resampling is the user's choice, not ours)."""
    try:
        with wave.open(path, "rb") as w:
            got = (w.getframerate(), w.getnchannels(), w.getsampwidth())
            if got != (sr, 1, 2):
                raise WavError("%s: %d Hz, %d channel(s), %d-bit; the config wants %d Hz mono 16-bit PCM "
                               "(convert it, e.g. sox IN -r %d -c 1 -b 16 OUT.wav)"
                               % (path, got[0], got[1], 8 * got[2], sr, sr))
            return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()
    except (wave.Error, EOFError) as e:
        raise WavError("%s: not a readable PCM WAV (%s)" % (path, e))
    except OSError as e:
        raise WavError("%s: cannot read (%s)" % (path, e.strerror or e))


def to_int16(xf):
    """float (int16 scale) -> int16 with deterministic rounding and clipping."""
    return np.clip(np.round(xf), -32768, 32767).astype(np.int16)


def rms_dbfs(x):
    x = np.asarray(x, dtype=np.float64) / 32768.0
    return 10 * np.log10(np.mean(x * x) + 1e-20)
