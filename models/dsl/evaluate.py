"""Evaluate a pruned (export-equivalent) model: choose the switch threshold on the validation
split, then measure routing shares and quality per category on the test split and on the
background-heavy test mixture. Category labels are read here only, never in training."""
import numpy as np
import torch

from . import metrics as M

# The hold (frames) and the threshold rule's allowance come from the config ("threshold").
BG_SECONDS = (20.0, 17.0, 17.0)   # background stretches of the mixture
FG_SECONDS = 3.0                  # one speech and one music insert


@torch.no_grad()
def infer(model, x, frame):
    """x float [-1,1] 1-D -> (scores [F], light [T], heavy [T]); pads to a whole frame."""
    T = len(x)
    pad = (-T) % frame
    xt = torch.from_numpy(np.pad(x, (0, pad)).astype(np.float32))[None, None]
    z = model.encoder(xt)
    s, yl, yh = model.switch(z), model.light(z), model.heavy(z)
    F = (T + frame - 1) // frame
    return s[0, 0, :F].numpy(), yl[0, 0, :T].numpy(), yh[0, 0, :T].numpy()


def run_all(model, items, frame):
    """items: [(row, wave)] -> list of dicts with outputs."""
    out = []
    for r, x in items:
        s, yl, yh = infer(model, x, frame)
        out.append({"row": r, "x": x, "s": s, "yl": yl, "yh": yh, "frame": frame})
    return out


def routed(o, thr, hold):
    h = M.route(o["s"], thr, hold)
    return h, M.splice(o["yl"], o["yh"], h, o["frame"])


def _pooled_snr(outs, key):
    es = sum(M.energies(o["x"], o[key])[0] for o in outs)
    return M.snr_db(es, sum(M.energies(o["x"], o[key])[1] for o in outs))


def choose_threshold(val, hold, max_drop_db):
    """Label-free: the highest threshold (most light frames) whose routed SNR stays within
    max_drop_db (half the 0.5 dB allowance, as margin) of always-heavy, both pooled over the
    whole validation split and pooled over its louder half of files (by RMS; on an always-on
    microphone the loud files are the foreground: speech, music)."""
    cands = np.unique(np.quantile(np.concatenate([o["s"] for o in val]), np.linspace(0, 1, 401)))
    rms = np.array([np.sqrt(np.mean(o["x"] ** 2)) for o in val])
    loud = [o for o, r in zip(val, rms) if r >= np.median(rms)]
    groups = [val, loud]
    ref = [_pooled_snr(g, "yh") for g in groups]
    best = (float(cands.min()) - 1.0, 0.0)
    for t in cands:
        for o in val:
            o["hr"], o["yr"] = routed(o, t, hold)
        drops = [r - _pooled_snr(g, "yr") for r, g in zip(ref, groups)]
        light = 1 - np.mean(np.concatenate([o["hr"] for o in val]))
        if max(drops) <= max_drop_db and light > best[1]:
            best = (float(t), float(light))
    return best


def quality(outs, thr, hold, sr):
    """Aggregate per category: frames, light share, SNR and LSD of light/heavy/routed."""
    cats = {}
    n = M.lsd_window(sr)
    for o in outs:
        h, yr = routed(o, thr, hold)
        for c in (o["row"]["category"], "all"):
            d = cats.setdefault(c, {"frames": 0, "light_frames": 0, "E": {}, "lsd": {}})
            d["frames"] += len(h)
            d["light_frames"] += int((~h).sum())
            for k, y in (("light", o["yl"]), ("heavy", o["yh"]), ("routed", yr)):
                es, ee = M.energies(o["x"], y)
                a = d["E"].setdefault(k, [0.0, 0.0])
                a[0] += es
                a[1] += ee
                d["lsd"].setdefault(k, []).append(M.lsd_frames(o["x"], y, n, o["frame"] // 2))
    res = {}
    for c, d in sorted(cats.items()):
        res[c] = {"frames": d["frames"], "light_share": d["light_frames"] / max(1, d["frames"])}
        for k in ("light", "heavy", "routed"):
            res[c]["snr_db_" + k] = M.snr_db(*d["E"][k])
            res[c]["lsd_db_" + k] = float(np.mean(np.concatenate(d["lsd"][k])))
    return res


def background_mixture(test, sr):
    """An always-on microphone's day in 60 s, only from test-split files: the test silence and
    noise files (coloured noise, recorded ambience) looped in manifest order, interrupted by 3 s
    of real speech and 3 s of music (10 % foreground). Returns (wave, per-sample labels), or None
    when the data has no speech, no music or no silence/noise category, or a music file shorter than
    8 s (a user's own categories: the mixture is not defined for them)."""
    bg = [x for r, x in test if r["category"] in ("silence", "noise")]
    sp = [x for r, x in test if r["category"] == "speech"]
    n = int(FG_SECONDS * sr)
    mu = [x for r, x in test if r["category"] == "music" and len(x) >= sr * 5 + n]
    if not (bg and sp and mu):
        return None
    bg = np.concatenate(bg)
    sp, mu = np.resize(sp[0], n), mu[0][sr * 5: sr * 5 + n]
    parts, lab, pos = [], [], 0
    for sec, fg, name in zip(BG_SECONDS, (sp, mu, None), ("speech", "music", None)):
        m = int(sec * sr)
        parts.append(np.resize(np.roll(bg, -pos), m))
        lab.append(np.full(m, "background", object))
        pos += m
        if fg is not None:
            parts.append(fg)
            lab.append(np.full(len(fg), name, object))
    return np.concatenate(parts).astype(np.float32), np.concatenate(lab)


def mixture_shares(model, wave, labels, thr, hold, frame):
    s, yl, yh = infer(model, wave, frame)
    h = M.route(s, thr, hold)
    flab = labels[::frame][: len(h)]
    res = {"frames": int(len(h)), "light_share": float(1 - h.mean())}
    for k in ("background", "speech", "music"):
        sel = flab == k
        res["light_share_" + k] = float(1 - h[sel].mean())
    es, er = M.energies(wave, M.splice(yl, yh, h, frame))
    res["snr_db_routed"] = M.snr_db(es, er)
    res["snr_db_heavy"] = M.snr_db(*M.energies(wave, yh))
    return res
