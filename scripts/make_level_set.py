#!/usr/bin/env python3
"""Writes the level test set of a model (quiet, loud and silent clips) from its own test clips.

usage: make_level_set.py MODEL_DIR      e.g. make_level_set.py models/dsl_soundstream_s
Reads MODEL_DIR/test/*.wav (never the calibration clips) and writes MODEL_DIR/levels/*.wav: the clips the issue's
targets are measured on (docs/silence-gate.md, "Level test set"). Deterministic (fixed seed, integer rounding
half away from zero, clipping to int16); standard library only. The file names say what each clip is; the
SOURCES table below says where each comes from.
"""
import array
import math
import os
import random
import sys
import wave

RATE = 16000

# (output name, source test clip or None, seconds from the start, target: ("rms", dBFS) | ("peak", dBFS) | ("gain", dB))
SOURCES = [
    ("speech_quiet_m35dbfs", "speech_en_US_f_Allison_conf-adminmenu-18.wav", 3.0, ("rms", -35.0)),
    ("background_music_m30dbfs", "music_moh_reno_project-system.wav", 2.0, ("rms", -30.0)),
    ("background_noise_m40dbfs", "noise_whitenoise_25.wav", 2.0, ("rms", -40.0)),
    ("background_music_m45dbfs", "music_spi_loop_weirdo.wav", 2.0, ("rms", -45.0)),
    ("loud_speech_0dbfs", "speech_fr_CA_f_June_vm-rec-temp.wav", 3.0, ("peak", 0.0)),
    ("loud_noise_clipped", "noise_whitenoise_25.wav", 1.0, ("gain", 30.0)),
]


def read(path):
    with wave.open(path, "rb") as w:
        p = w.getparams()
        if p.sampwidth != 2 or p.nchannels != 1 or p.framerate != RATE:
            sys.exit(f"{path}: expected mono 16-bit PCM at {RATE} Hz")
        s = array.array("h", w.readframes(p.nframes))
    if sys.byteorder != "little":
        s.byteswap()
    return list(s)


def write(path, samples):
    out = array.array("h", samples)
    if sys.byteorder != "little":
        out.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(out.tobytes())


def scale(samples, gain):
    return [max(-32768, min(32767, int(math.copysign(math.floor(abs(s * gain) + 0.5), s)))) for s in samples]


def level(samples, target):
    kind, db = target
    if kind == "gain":
        return scale(samples, 10.0 ** (db / 20.0))
    if kind == "rms":
        now = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768.0
    else:
        now = max(abs(s) for s in samples) / 32767.0
    return scale(samples, 10.0 ** (db / 20.0) / now)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    model = sys.argv[1]
    out = os.path.join(model, "levels")
    os.makedirs(out, exist_ok=True)
    clips = {}
    for name, src, seconds, target in SOURCES:
        clips[name] = level(read(os.path.join(model, "test", src))[: int(seconds * RATE)], target)
    second = RATE
    # a full-scale 100 Hz square wave (0 dBFS): the loudest input there is
    clips["loud_square_100hz"] = [32767 if (i // 80) % 2 == 0 else -32768 for i in range(second)]
    # full-scale DC (a stuck or offset input): what the issue lists among loud inputs
    clips["loud_dc"] = [32767] * second
    clips["silence_digital"] = [0] * (2 * second)
    # silence, speech at its own level, silence: the gate closes, releases at once and keeps the tail
    speech = read(os.path.join(model, "test", "speech_en_US_f_Allison_conf-adminmenu-18.wav"))[: 2 * second]
    clips["silence_speech_silence"] = [0] * (3 * second // 2) + speech + [0] * (3 * second // 2)
    # a dither floor at -90 dBFS RMS (Gaussian, sigma 1.035 LSB, rounded): never digital silence
    rng = random.Random(90)
    clips["silence_dither_m90dbfs"] = [int(round(rng.gauss(0.0, 1.035))) for _ in range(2 * second)]
    for name, samples in sorted(clips.items()):
        write(os.path.join(out, name + ".wav"), samples)


if __name__ == "__main__":
    main()
