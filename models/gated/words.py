"""The word bank: every keyword and non-keyword word spoken by several voices, from packages only.

Speakers: espeak-ng voice variants (each spoken with two English accents at two speed/pitch settings),
flite voices (two speeds each), and the Asterisk recordings (digits/*.g722: English digits for the digit
words; Spanish and French digits as foreign non-keyword words). The split is by speaker (dataset/sources.
split_of inside each engine), so test voices are never heard in training; the Asterisk recordings are
the only real voices and too few to hold out, so they are train-only.

The plan is a pure function of the config's word lists and the package contents; the bank is cached
in models/.data/gc/ under a hash of the plan (a rebuild with the same plan gives the same arrays)."""
import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from dataset import audio_io as aio
from dataset.sources import AST, AST_LIC, TTS_LIC, split_of
from dsl.config import MODELS

CACHE = os.path.join(MODELS, ".data", "gc")
# espeak-ng voice variants (the voice quality: these are the "speakers") and the accents they speak with.
ESPEAK_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5", "croak",
                   "klatt", "klatt2", "klatt3", "klatt4", "whisper", "Andy", "Annie", "Denis", "Gene",
                   "Jacky", "Lee", "Mr serious", "Tweaky", "edward", "john", "max", "michel", "norbert",
                   "quincy", "rob", "steph", "travis", "robert"]
ESPEAK_ACCENTS = ["en", "en-us", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan"]
ESPEAK_SPEED_PITCH = [(130, 35), (150, 50), (170, 65), (190, 45)]
FLITE_VOICES = ["slt", "rms", "awb", "kal16"]
FLITE_STRETCH = [0.9, 1.15]
# Asterisk digit recordings: (voice folder, package language, is English).
AST_DIGITS = [("en_US_f_Allison", "en", True), ("es_MX_f_Allison", "es", False), ("fr_CA_f_June", "fr", False)]
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TRIM_DB = 35.0   # a word's span: 10 ms windows within 35 dB of its loudest window
TRIM_PAD_S = 0.02


class BankError(Exception):
    """Tools or package data the bank needs are missing; the message says what to install."""


def _h(s):
    return hashlib.sha1(s.encode()).hexdigest()


def speakers():
    """[(engine, speaker, [(rendition id, render(text) -> int16 or None)])], in a fixed order."""
    out = []
    for i, v in enumerate(ESPEAK_VARIANTS):
        acc = [ESPEAK_ACCENTS[(i + j) % len(ESPEAK_ACCENTS)] for j in (0, 3)]
        sp = [ESPEAK_SPEED_PITCH[(i + j) % len(ESPEAK_SPEED_PITCH)] for j in (0, 1)]
        rend = []
        for a, (s, p) in zip(acc, sp):
            voice, opts = "%s+%s" % (a, v), ("-s", str(s), "-p", str(p))
            rend.append(("%s_s%d_p%d" % (voice.replace(" ", "_"), s, p),
                         lambda t, voice=voice, opts=opts: aio.tts_espeak(voice, t, opts)))
        out.append(("espeak-ng", "espeak_" + v.replace(" ", "_"), rend))
    for v in FLITE_VOICES:
        rend = [("flite_%s_x%g" % (v, st), lambda t, v=v, st=st: aio.tts_flite(v, t, ("--setf", "duration_stretch=%g" % st)))
                for st in FLITE_STRETCH]
        out.append(("flite", "flite_" + v, rend))
    return out


HOLD_OUT = 6  # per engine, speakers ordered by a hash of their name: every 6th to test, the next to val


def split_of_speaker(engine, speaker, members):
    """Asterisk (the real voices): train. Else by the speaker's rank in a hash order inside its engine:
    rank % 6 == 0 test, == 1 val, else train (36 espeak variants: 6/6/24; 4 flite voices: 1/1/2)."""
    if engine == "asterisk":
        return "train"
    order = sorted(members, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    i = order.index(speaker) % HOLD_OUT
    return "test" if i == 0 else "val" if i == 1 else "train"


def _with_splits(meta):
    members = {}
    for e, s in zip(meta["engine"], meta["speaker"]):
        members.setdefault(e, set()).add(s)
    members = {e: sorted(s) for e, s in members.items()}
    meta["split"] = [split_of_speaker(e, s, members[e]) for e, s in zip(meta["engine"], meta["speaker"])]
    return meta


def missing_tools():
    gone = [t for t in ("ffmpeg", "sox", "espeak-ng", "flite") if shutil.which(t) is None]
    gone += [os.path.join(AST, v, "digits") for v, _, _ in AST_DIGITS if not os.path.isdir(os.path.join(AST, v, "digits"))]
    return gone


def trim(x, sr):
    """The word's span: from the first to the last 10 ms window within TRIM_DB of the loudest, plus 20 ms."""
    w = max(1, sr // 100)
    n = len(x) // w
    if n == 0:
        return x
    e = (x[: n * w].astype(np.float64).reshape(n, w) ** 2).mean(1)
    on = np.nonzero(e >= e.max() * 10 ** (-TRIM_DB / 10))[0]
    pad = int(TRIM_PAD_S * sr)
    return x[max(0, on[0] * w - pad): min(len(x), (on[-1] + 1) * w + pad)]


def plan(cfg):
    """[(word, is_keyword, engine, speaker, rendition, source, licence, make)] for the config's words."""
    kws, negs = cfg["words"]["keywords"], cfg["words"]["negatives"]
    items = []
    for eng, spk, rend in speakers():
        for rid, fn in rend:
            for w in kws + negs:
                src = "%s %s: '%s'" % (eng, rid, w)
                items.append((w, w in kws, eng, spk, rid, src, TTS_LIC[eng], lambda fn=fn, w=w: fn(w)))
    for voice, lang, english in AST_DIGITS:
        for d, dw in enumerate(DIGIT_WORDS):
            p = os.path.join(AST, voice, "digits", "%d.g722" % d)
            if english and dw not in kws + negs:
                continue
            word = dw if english else "%s_%d" % (lang, d)  # a foreign digit is a non-keyword word
            src = "asterisk-core-sounds-%s-g722:digits/%d.g722" % (lang, d)
            items.append((word, english and dw in kws, "asterisk", "asterisk_" + voice, voice, src, AST_LIC,
                          lambda p=p: aio.decode_g722(p)))
    return items


def build(cfg, workers=2):
    """The bank: {"words", "keyword", "engine", "speaker", "rendition", "split", "source", "licence": [...],
    "audio": [int16 arrays, trimmed]} (cached without the split, which is computed here)."""
    if cfg["sample_rate"] != aio.SR:
        raise BankError("the package word bank is made at %d Hz; sample_rate %d needs your own data"
                        % (aio.SR, cfg["sample_rate"]))
    gone = missing_tools()
    if gone:
        raise BankError("not installed: %s; run models/install_deps.sh first" % ", ".join(gone))
    items = plan(cfg)
    key = _h(json.dumps([it[:7] for it in items]) + json.dumps([ESPEAK_SPEED_PITCH, TRIM_DB, TRIM_PAD_S]))[:16]
    path = os.path.join(CACHE, "bank_%s.npz" % key)
    if os.path.exists(path):
        z = np.load(path, allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        meta["audio"] = [z["a%d" % i] for i in range(len(meta["words"]))]
        return _with_splits(meta)
    with ThreadPoolExecutor(workers) as ex:
        audio = list(ex.map(lambda it: trim(it[7](), aio.SR), items))
    keep = [i for i, a in enumerate(audio) if len(a) >= aio.SR // 20]  # a voice that cannot say a word
    meta = {"words": [items[i][0] for i in keep], "keyword": [bool(items[i][1]) for i in keep],
            "engine": [items[i][2] for i in keep], "speaker": [items[i][3] for i in keep],
            "rendition": [items[i][4] for i in keep],
            "source": [items[i][5] for i in keep], "licence": [items[i][6] for i in keep]}
    os.makedirs(CACHE, exist_ok=True)
    np.savez(path + ".tmp.npz", meta=json.dumps(meta), **{"a%d" % j: audio[i] for j, i in enumerate(keep)})
    os.replace(path + ".tmp.npz", path)
    meta["audio"] = [audio[i] for i in keep]
    return _with_splits(meta)


def synthetic(cfg, seed=0):
    """A CI bank without packages: each word is a chirp pattern of its own, 'spoken' by 6 pseudo-speakers
    (pitch factors), split as speakers are."""
    sr = cfg["sample_rate"]
    r = np.random.RandomState(seed)
    kws, negs = cfg["words"]["keywords"], cfg["words"]["negatives"]
    meta = {k: [] for k in ("words", "keyword", "engine", "speaker", "rendition", "split", "source", "licence", "audio")}
    spk = ["syn%d" % i for i in range(6)]
    for si, s in enumerate(spk):
        for wi, w in enumerate(kws + negs):
            n = int(sr * (0.3 + 0.05 * (wi % 5)))
            t = np.arange(n) / sr
            f0 = (200 + 90 * wi) * (1 + 0.05 * si)
            x = np.sin(2 * np.pi * (f0 * t + 300 * (wi % 3) * t * t)) * np.hanning(n) + 0.05 * r.randn(n)
            meta["audio"].append(aio.to_int16(x * 8000))
            for k, v in (("words", w), ("keyword", w in kws), ("engine", "synthetic"), ("speaker", s),
                         ("rendition", s), ("split", split_of(spk, s)), ("source", "generated"), ("licence", "generated")):
                meta[k].append(v)
    return meta
