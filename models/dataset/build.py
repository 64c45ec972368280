"""Build the 16 kHz mono int16 WAV set into models/.data/ and write/verify the manifest.

Usage: /usr/bin/python3 -m dataset.build [--out DIR] [--write-manifest]
Without --write-manifest the committed manifest is checked: every file's sha256 must match
(that is the reproducibility test of the builder)."""
import argparse
import csv
import hashlib
import os
import shutil
import sys

import numpy as np

from . import audio_io as aio
from . import sources as S

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(HERE)
MANIFEST = os.path.join(HERE, "manifest.csv")
FIELDS = ["path", "category", "split", "source", "licence", "duration_s", "sha256"]


def npm_dir(out):
    return os.path.join(out, "npm", "node_modules", "supersonic-scsynth-samples", "samples")


def plan(out):
    """Yield (category, group, name, source, licence, make_fn)."""
    for voice in S.SPEECH:
        for p in S.speech_files(voice):
            yield ("speech", "speech_" + voice, voice + "_" + os.path.basename(p)[:-5],
                   "asterisk-core-sounds-%s-g722:%s" % (voice[:2], os.path.basename(p)), S.AST_LIC,
                   lambda p=p: aio.decode_g722(p))
    off, dur = S.MOH_EXCERPT
    for f in sorted(os.listdir(S.MOH)):
        p = os.path.join(S.MOH, f)
        yield ("music", "moh", "moh_" + f[:-5], "asterisk-moh-opsound-g722:%s@%gs+%gs" % (f, off, dur),
               S.AST_LIC, lambda p=p: aio.decode_g722(p, off, dur))
    spi = npm_dir(out)
    for n in S.SPI_MUSIC:
        yield ("music", "spi_music", "spi_" + n, "%s:%s.flac" % (S.NPM_PKG, n), S.SPI_LIC,
               lambda n=n: aio.decode_sox(os.path.join(spi, n + ".flac")))
    for n in S.SPI_NOISE:
        yield ("noise", "spi_noise", "spi_" + n, "%s:%s.flac (levelled to %g dBFS RMS)"
               % (S.NPM_PKG, n, S.NOISE_RMS_DBFS), S.SPI_LIC,
               lambda n=n: _level(aio.decode_sox(os.path.join(spi, n + ".flac")), S.NOISE_RMS_DBFS))
    for c in S.COLOURS:
        for lv in S.NOISE_LEVELS_DBFS:
            yield ("noise", "colour", "%s_%d" % (c, -lv), "sox synth %s %g dBFS peak -R" % (c, lv),
                   "generated (sox)", lambda c=c, lv=lv: aio.synth_sox(c, lv, S.NOISE_SEC))
    for n, kind, lv in S.SILENCE:
        if kind is None:
            fn = lambda: np.zeros(int(S.SILENCE_SEC * aio.SR), np.int16)
            src = "digital zero"
        else:
            fn = lambda kind=kind, lv=lv: aio.synth_sox(kind, lv, S.SILENCE_SEC)
            src = "sox synth %s %g dBFS peak -R" % (kind, lv)
        yield ("silence", "silence", "silence_" + n, src, "generated (sox)", fn)
    for v in S.ESPEAK_VOICES:
        for i, t in enumerate(S.SENTENCES):
            yield ("tts", "tts", "espeak_%s_%d" % (v, i), "espeak-ng -v %s: %s" % (v, t),
                   S.TTS_LIC["espeak-ng"], lambda v=v, t=t: aio.tts_espeak(v, t))
    for v in S.FLITE_VOICES:
        for i, t in enumerate(S.SENTENCES):
            yield ("tts", "tts", "flite_%s_%d" % (v, i), "flite -voice %s: %s" % (v, t),
                   S.TTS_LIC["flite"], lambda v=v, t=t: aio.tts_flite(v, t))


def _level(x, dbfs):
    g = 10 ** ((dbfs - aio.rms_dbfs(x)) / 20.0)
    return aio.to_int16(x.astype(np.float64) * g)


def _mix(speech, other, snr_db):
    """Speech at its own level plus `other` looped/cropped to its length at the given SNR."""
    s = speech.astype(np.float64)
    o = np.resize(other.astype(np.float64), s.shape)
    ps, po = np.mean(s * s) + 1e-9, np.mean(o * o) + 1e-9
    return aio.to_int16(s + o * np.sqrt(ps / (po * 10 ** (snr_db / 10.0))))


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def build(out):
    os.makedirs(out, exist_ok=True)
    items = list(plan(out))
    groups = {}
    for cat, g, name, *_ in items:
        groups.setdefault(g, []).append(name)
    rows, by = [], {}
    for cat, g, name, src, lic, fn in items:
        split = S.split_of(groups[g], name)
        x = fn()
        rows.append(_save(out, cat, split, name, src, lic, x))
        by.setdefault((split, cat), []).append((name, x))
    # Mixtures inside each split: deterministic pairing by sorted names.
    for split, n in S.MIXES_PER_SPLIT.items():
        sp = sorted(by[(split, "speech")])
        nz = sorted(by[(split, "noise")])
        mu = sorted(by[(split, "music")])
        k = 0
        for snr in S.NOISE_SNRS:
            for j in range(n):
                a, b = sp[k % len(sp)], nz[(k * 7 + 3) % len(nz)]
                k += 1
                name = "mixn_%s_%s_%ddB" % (a[0], b[0], snr)
                rows.append(_save(out, "speech+noise", split, name, "mix: %s + %s at %d dB SNR"
                                  % (a[0], b[0], snr), "derived (see parts)", _mix(a[1], b[1], snr)))
        for snr in S.MUSIC_SNRS:
            for j in range(n):
                a, b = sp[k % len(sp)], mu[(k * 5 + 1) % len(mu)]
                k += 1
                name = "mixm_%s_%s_%ddB" % (a[0], b[0], snr)
                rows.append(_save(out, "speech+music", split, name, "mix: %s + %s at %d dB SNR"
                                  % (a[0], b[0], snr), "derived (see parts)", _mix(a[1], b[1], snr)))
    return rows


def _save(out, cat, split, name, src, lic, x):
    rel = os.path.join("wav", split, cat.replace("+", "_"), name + ".wav")
    p = os.path.join(out, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    aio.write_wav(p, x)
    return {"path": rel, "category": cat, "split": split, "source": src, "licence": lic,
            "duration_s": "%.3f" % (len(x) / aio.SR), "sha256": sha256(p)}


def read_manifest(path=MANIFEST):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def missing_sources(out):
    """What the plan reads that is not installed (tools and package folders), as one line or ''."""
    gone = [t for t in ("ffmpeg", "sox", "espeak-ng", "flite") if shutil.which(t) is None]
    gone += [d for d in [os.path.join(S.AST, v) for v in S.SPEECH] + [S.MOH, npm_dir(out)] if not os.path.isdir(d)]
    return ", ".join(gone)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(MODELS, ".data"))
    ap.add_argument("--write-manifest", action="store_true")
    a = ap.parse_args()
    gone = missing_sources(a.out)
    if gone:
        print("dataset.build: error: not installed: %s; run models/install_deps.sh first" % gone, file=sys.stderr)
        return 2
    rows = build(a.out)
    tot = sum(float(r["duration_s"]) for r in rows)
    print("built %d files, %.1f s of audio into %s" % (len(rows), tot, a.out))
    for sp in ("train", "val", "test"):
        print("  %s: %.1f s" % (sp, sum(float(r["duration_s"]) for r in rows if r["split"] == sp)))
    if a.write_manifest or not os.path.exists(MANIFEST):
        with open(MANIFEST, "w", newline="") as f:
            w = csv.DictWriter(f, FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        print("wrote", MANIFEST)
        return 0
    want = {r["path"]: r["sha256"] for r in read_manifest()}
    got = {r["path"]: r["sha256"] for r in rows}
    bad = [p for p in set(want) | set(got) if want.get(p) != got.get(p)]
    for p in sorted(bad)[:20]:
        print("MISMATCH", p, file=sys.stderr)
    print("manifest check: %d mismatches" % len(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
