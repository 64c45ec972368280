"""Writes a small own-data set for the trainer's test: one sub-folder per category (tones, noise,
chirps) of mono 16-bit WAVs at a given rate, seeded, so the test needs no packages and no downloads.

/usr/bin/python3 models/tests/make_own_data.py DIR [--rate 8000] [--files 5]"""
import argparse
import os
import wave

import numpy as np


def write(path, x, sr):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(np.clip(np.round(x * 32767), -32768, 32767).astype("<i2").tobytes())


def make(root, sr, files, seed=7):
    r = np.random.RandomState(seed)
    for i in range(files):
        n = int(sr * (2.0 + 0.37 * i))          # lengths that are not multiples of the frame
        t = np.arange(n) / float(sr)
        f0 = 150 + 90 * i
        tone = 0.3 * np.sin(2 * np.pi * f0 * t) + 0.1 * np.sin(2 * np.pi * 2.5 * f0 * t)
        noise = 10 ** (-(20 + 8 * i) / 20.0) * r.randn(n)
        f1 = 0.45 * sr / 2
        chirp = 0.25 * np.sin(2 * np.pi * (100 * t + (f1 - 100) * t * t / (2 * t[-1]))) * (np.sin(4 * t + i) > -0.3)
        for cat, x in (("tones", tone), ("noise", noise), ("chirps", chirp)):
            os.makedirs(os.path.join(root, cat), exist_ok=True)
            write(os.path.join(root, cat, "%s_%02d.wav" % (cat, i)), x, sr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--rate", type=int, default=8000)
    ap.add_argument("--files", type=int, default=5)
    a = ap.parse_args()
    make(a.dir, a.rate, a.files)
