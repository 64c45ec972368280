#!/usr/bin/env python3
"""Writes level-shifted copies of mono 16-bit WAVs (for measuring quantization on quiet and loud input).

usage: level_shift_wavs.py OUT_DIR GAIN_DB IN.wav...   e.g. level_shift_wavs.py /tmp/q30 -30 models/m/test/*.wav
Samples are scaled, rounded half away from zero and clipped to int16 (as dslc's --calibration-gains-db does).
Standard library only; the copies are not committed.
"""
import array
import math
import os
import sys
import wave


def shift(src, dst, gain_db):
    with wave.open(src, "rb") as w:
        params = w.getparams()
        if params.sampwidth != 2 or params.nchannels != 1:
            sys.exit(f"{src}: expected mono 16-bit PCM")
        samples = array.array("h", w.readframes(params.nframes))
    if sys.byteorder != "little":
        samples.byteswap()
    g = 10.0 ** (gain_db / 20.0)
    out = array.array("h", (max(-32768, min(32767, int(math.copysign(math.floor(abs(s * g) + 0.5), s)))) for s in samples))
    if sys.byteorder != "little":
        out.byteswap()
    with wave.open(dst, "wb") as w:
        w.setparams(params)
        w.writeframes(out.tobytes())


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out_dir, gain_db = sys.argv[1], float(sys.argv[2])
    os.makedirs(out_dir, exist_ok=True)
    tag = f"{'p' if gain_db >= 0 else 'm'}{abs(gain_db):g}db"
    for src in sys.argv[3:]:
        base = os.path.splitext(os.path.basename(src))[0]
        shift(src, os.path.join(out_dir, f"{base}_{tag}.wav"), gain_db)


if __name__ == "__main__":
    main()
