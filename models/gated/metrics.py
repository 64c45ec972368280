"""Gate routing, threshold choice and the GC paper's figures, on per-scene arrays.

Routing (contract14): a frame passes while the gate logit is above the threshold, and keeps passing for
`hold` frames after the last trigger, i.e. frame t passes iff max(logit[t-hold..t]) > threshold. A passed
frame gets the heavy classifier's argmax; a gated frame gets the negative (background) class. dslc
replays the heavy path's missed frames from the handoff ring, so the heavy logits of a passed frame are
those of always-on execution: computing them on the whole scene is exact."""
import numpy as np

from .scenes import KIND_BG, KIND_KW, KIND_NEG


def held_max(logit, hold):
    """max over the current and `hold` previous frames (per scene)."""
    m = logit.copy()
    for h in range(1, hold + 1):
        m[h:] = np.maximum(m[h:], logit[:-h])
    return m


def choose_threshold(gate_logits, kinds, hold, target_recall):
    """Highest threshold that still passes target_recall of the keyword frames (with hold), set midway
    between two observed held scores so '>' and '>=' route alike."""
    s = np.sort(np.concatenate([held_max(g, hold)[k == KIND_KW] for g, k in zip(gate_logits, kinds)]))
    if len(s) == 0:
        raise ValueError("no keyword frames in the validation scenes")
    i = int(np.floor((1.0 - target_recall) * len(s)))  # s[i:] must pass: at least target_recall of them
    lo = s[i - 1] if i > 0 else s[0] - 1.0
    return float(0.5 * (lo + s[i])) if s[i] > lo else float(s[i] - 1e-4)


def softmax(z):
    e = np.exp(z - z.max(0, keepdims=True))
    return e / e.sum(0, keepdims=True)


def evaluate(gate_logits, scores, labels, kinds, events, threshold, hold, n_classes, bg_cats=None, far_frames=25):
    """Per-scene lists: gate logits [F], scores [C,F], labels [F], kinds [F], events (and optionally each
    scene's background category). far_frames: background this far from any word is "far background"
    (callers pass 0.5 s in frames). -> dict of figures."""
    by_cat, far = {}, [0, 0]
    for i, (gl, kd, ev) in enumerate(zip(gate_logits, kinds, events)):
        c = by_cat.setdefault(bg_cats[i] if bg_cats else "all", [0, 0])
        neg = kd != KIND_KW
        gated = ~(held_max(gl, hold) > threshold)
        c[0] += int((neg & gated).sum())
        c[1] += int(neg.sum())
        # Background far from any word (> far_frames away): what an always-on stream is mostly made of.
        near = np.zeros(len(gl), bool)
        for f0, f1, *_ in ev:
            near[max(0, f0 - far_frames):f1 + far_frames] = True
        far[0] += int((gated & ~near & (kd == KIND_BG)).sum())
        far[1] += int((~near & (kd == KIND_BG)).sum())
    g = {"frames": 0, "kw": 0, "kw_pass": 0, "neg": 0, "neg_gated": 0, "bg": 0, "bg_gated": 0,
         "negw": 0, "negw_gated": 0, "pass": 0}
    acc = {m: {"frame_ok": 0, "kw_frame_ok": 0, "ev": 0, "ev_ok_major": 0, "ev_ok_mean": 0,
               "negev": 0, "negev_fa": 0} for m in ("ungated", "gated")}
    conf = {m: np.zeros((n_classes, n_classes), np.int64) for m in ("ungated", "gated")}
    for gl, sc, lab, kd, ev in zip(gate_logits, scores, labels, kinds, events):
        passed = held_max(gl, hold) > threshold
        g["frames"] += len(gl)
        g["pass"] += int(passed.sum())
        for name, sel in (("kw", kd == KIND_KW), ("neg", kd != KIND_KW), ("bg", kd == KIND_BG), ("negw", kd == KIND_NEG)):
            g[name] += int(sel.sum())
            if name == "kw":
                g["kw_pass"] += int((passed & sel).sum())
            else:
                g[name + "_gated"] += int((~passed & sel).sum())
        p = softmax(sc.astype(np.float64))
        pred_u = sc.argmax(0)
        pred_g = np.where(passed, pred_u, 0)
        prob_g = np.where(passed[None], p, np.eye(n_classes)[:, :1])
        for m, pred, prob in (("ungated", pred_u, p), ("gated", pred_g, prob_g)):
            a = acc[m]
            a["frame_ok"] += int((pred == lab).sum())
            a["kw_frame_ok"] += int(((pred == lab) & (kd == KIND_KW)).sum())
            np.add.at(conf[m], (lab, pred), 1)
            for f0, f1, c, k, _ in ev:
                if f1 <= f0:
                    continue
                major = np.bincount(pred[f0:f1], minlength=n_classes).argmax()
                mean = prob[:, f0:f1].mean(1).argmax()
                if k == KIND_KW:
                    a["ev"] += 1
                    a["ev_ok_major"] += int(major == c)
                    a["ev_ok_mean"] += int(mean == c)
                else:
                    a["negev"] += 1
                    a["negev_fa"] += int(major != 0)
    r = lambda a, b: a / b if b else None
    out = {"frames": g["frames"], "keyword_frames": g["kw"], "negative_frames": g["neg"],
           "background_frames": g["bg"], "nonkeyword_word_frames": g["negw"],
           "share_negative_frames_gated": r(g["neg_gated"], g["neg"]),
           "share_background_frames_gated": r(g["bg_gated"], g["bg"]),
           "share_nonkeyword_word_frames_gated": r(g["negw_gated"], g["negw"]),
           "far_background_frames": far[1], "share_far_background_frames_gated": r(far[0], far[1]),
           "share_negative_frames_gated_by_background": {c: r(a, b) for c, (a, b) in sorted(by_cat.items())},
           "share_keyword_frames_passed": r(g["kw_pass"], g["kw"]),
           "share_all_frames_passed": r(g["pass"], g["frames"])}
    for m, a in acc.items():
        out[m] = {"frame_accuracy": r(a["frame_ok"], g["frames"]),
                  "keyword_frame_accuracy": r(a["kw_frame_ok"], g["kw"]),
                  "keyword_events": a["ev"],
                  "event_accuracy_majority": r(a["ev_ok_major"], a["ev"]),
                  "event_accuracy_mean_prob": r(a["ev_ok_mean"], a["ev"]),
                  "nonkeyword_events": a["negev"],
                  "nonkeyword_false_accept": r(a["negev_fa"], a["negev"]),
                  "confusion": conf[m].tolist()}
    return out
