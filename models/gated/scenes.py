"""Scenes: words placed into backgrounds, with per-frame labels. Seeded: the same seed gives the same scene.

Backgrounds are the DSL data set's real recordings (models/dataset: other speech in three languages,
music, recorded and coloured noise, silence and mic floors), each used only in its own split. A scene
draws a background crop, then 0..N words (keywords or not) of the split's speakers at random times,
levels and SNRs. Frame labels: the keyword's class on the frames the word covers (a frame counts when at
least half of it is inside the trimmed word), the background class (0) elsewhere, including on
non-keyword words; `kind` tells background (0), non-keyword word (1) and keyword (2) apart for metrics."""
import numpy as np

from dsl import userdata as U

from .config import classes

BG_CATEGORIES = ("speech", "music", "noise", "silence")
KIND_BG, KIND_NEG, KIND_KW = 0, 1, 2


def backgrounds(split, sr):
    """[(row, float wave)] of the shipped data set's background categories in one split."""
    rows = [r for r in U.shipped_rows() if r["category"] in BG_CATEGORIES]
    return U.load_split(rows, split, sr)


def synthetic_backgrounds(sr, seed=0):
    r = np.random.RandomState(seed)
    t = np.arange(4 * sr) / sr
    mk = lambda name, x: ({"category": name, "path": name, "source": "generated", "licence": "generated",
                           "split": "all"}, x.astype(np.float32))
    return [mk("noise", 0.05 * r.randn(len(t))), mk("silence", np.zeros(len(t))),
            mk("music", 0.1 * np.sin(2 * np.pi * 330 * t) * (np.sin(2 * np.pi * 2 * t) > 0))]


class Scenes:
    def __init__(self, cfg, bank, bgs, split):
        self.sr, self.frame, self.sc = cfg["sample_rate"], cfg["frame"], cfg["scenes"]
        cls = classes(cfg)
        idx = [i for i, s in enumerate(bank["split"]) if s == split or split == "all"]
        if not idx:
            raise U.DataError("the word bank has no speaker in the %s split" % split)
        self.words = [(bank["audio"][i].astype(np.float32) / 32768.0,
                       cls.index(bank["words"][i]) if bank["keyword"][i] else 0, i) for i in idx]
        self.kw = [w for w in self.words if w[1] > 0]
        self.neg = [w for w in self.words if w[1] == 0]
        self.bgs = [(r, x) for r, x in bgs if len(x) > 0]
        if not self.bgs or not self.kw:
            raise U.DataError("no %s for the %s split" % ("backgrounds" if not self.bgs else "keywords", split))
        # Background category first (config scenes.background_mix: an always-on microphone's day, not the
        # data set's file counts, which are mostly speech prompts), then a file of it.
        self.by_cat = {}
        for r, x in self.bgs:
            self.by_cat.setdefault(r["category"], []).append((r, x))
        mix = {c: w for c, w in self.sc["background_mix"].items() if c in self.by_cat and w > 0}
        if not mix:
            raise U.DataError("no background of the categories in scenes.background_mix (%s) in the %s split"
                              % (", ".join(sorted(self.sc["background_mix"])), split))
        self.cats = sorted(mix)
        self.cat_p = np.array([mix[c] for c in self.cats], np.float64) / sum(mix.values())
        self.bank = bank

    def make(self, rng, seconds):
        """-> audio float32 [T] (T a multiple of frame), labels int64 [F], kind int8 [F], events
        [(first frame, end frame, class, kind, bank index)]."""
        sr, fr, sc = self.sr, self.frame, self.sc
        F = int(round(seconds * sr / fr))
        T = F * fr
        bgs = self.by_cat[self.cats[rng.choice(len(self.cats), p=self.cat_p)]]
        row, bg = bgs[rng.randint(len(bgs))]
        if len(bg) >= T:
            o = rng.randint(0, len(bg) - T + 1)
            bg = bg[o:o + T]
        else:
            bg = np.resize(bg, T)
        word_db = rng.uniform(*sc["word_dbfs"])
        snr = rng.uniform(*sc["snr_db"])
        bg_rms = np.sqrt(np.mean(bg.astype(np.float64) ** 2))
        if row["category"] != "silence" and bg_rms > 1e-6:  # silence and mic floors keep their own level
            bg = bg * (10 ** ((word_db - snr) / 20) / bg_rms)
        x = bg.astype(np.float64).copy()
        labels = np.zeros(F, np.int64)
        kind = np.zeros(F, np.int8)
        events = []
        n = rng.randint(sc["words_per_scene"][0], sc["words_per_scene"][1] + 1)
        t = rng.uniform(0, 0.3) * sr
        for _ in range(n):
            pool = self.kw if (rng.rand() < sc["keyword_prob"] or not self.neg) else self.neg
            w, c, bi = pool[rng.randint(len(pool))]
            room = T - len(w) - t
            if room <= 0:
                break
            start = int(t + rng.uniform(0, min(room, 0.6 * sr)))
            lvl = word_db + rng.uniform(-3, 3)
            rms = np.sqrt(np.mean(w.astype(np.float64) ** 2)) + 1e-9
            x[start:start + len(w)] += w * (10 ** (lvl / 20) / rms)
            f0, f1 = int(round(start / fr)), int(round((start + len(w)) / fr))
            k = KIND_KW if c > 0 else KIND_NEG
            labels[f0:f1] = c
            kind[f0:f1] = k
            events.append((f0, f1, c, k, bi))
            t = start + len(w) + sc["min_gap_s"] * sr
        return np.clip(x, -1.0, 1.0 - 1.0 / 32768).astype(np.float32), labels, kind, events, row

    def batch(self, rng, n, seconds):
        xs, ls, ks = [], [], []
        for _ in range(n):
            x, l, k, _, _ = self.make(rng, seconds)
            xs.append(x)
            ls.append(l)
            ks.append(k)
        return np.stack(xs)[:, None, :], np.stack(ls), np.stack(ks)

    def fixed_set(self, seed, count, seconds):
        """An evaluation set: `count` scenes from a generator of its own (the same for every model)."""
        rng = np.random.RandomState(seed)
        return [self.make(rng, seconds) for _ in range(count)]
