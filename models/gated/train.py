"""Train the GC model (gate + classifier jointly), seeded; then choose the gate threshold on validation.

/usr/bin/python3 -m gated.train --out models/.runs/gc_kws_s [--config FILE.json] [--steps N] [--synthetic]
Writes ckpt.pt (also every --save-every steps) and log.txt.

Losses (weights in the config's train section, reasons in models/README.md):
- classifier: cross-entropy on the frame labels with label smoothing, keyword frames weighted kw_weight
  (they are ~1/5 of the frames but all that matters to a user), plus logit_penalty x mean(logit^2) so the
  logits keep a range int8 resolves;
- gate: BCE towards "frame is a keyword frame or within gate_pad frames after one" (the classifier still
  settles just after a word; a causal gate can only say "this sounds like a keyword" once it heard some),
  positives weighted gate_pos_weight (the threshold is set for a high keyword recall, so the low tail of
  the keyword frames' scores is what counts), plus the same logit penalty."""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from dsl import userdata as U
from dsl.config import ConfigError

from . import config as C
from . import metrics as M
from . import scenes as S
from . import words as Wd
from .config import classes
from .model import GCModel

VAL_SEED, TEST_SEED = 777, 999  # the fixed evaluation sets (not the training stream's seed)


def gate_target(kinds, pad):
    """[N,F] keyword-frame mask, dilated `pad` frames forward."""
    kw = torch.as_tensor(kinds == S.KIND_KW, dtype=torch.float32)
    t = kw.clone()
    for p in range(1, pad + 1):
        t[:, p:] = torch.maximum(t[:, p:], kw[:, :-p])
    return t


def losses(cfg, model, x, labels, kinds):
    t = cfg["train"]
    gl, sc, _ = model(x)
    lab = torch.as_tensor(labels)
    w = 1.0 + (t["kw_weight"] - 1.0) * torch.as_tensor(kinds == S.KIND_KW, dtype=torch.float32)
    ce = F.cross_entropy(sc, lab, reduction="none", label_smoothing=t["label_smoothing"])
    ce = (ce * w).sum() / w.sum()
    bce = F.binary_cross_entropy_with_logits(gl[:, 0], gate_target(kinds, t["gate_pad"]),
                                             pos_weight=torch.tensor(t["gate_pos_weight"]))
    pen = t["logit_penalty"] * ((sc ** 2).mean() + (gl ** 2).mean())
    with torch.no_grad():
        acc = (sc.argmax(1) == lab).float()
        kwm = torch.as_tensor(kinds == S.KIND_KW)
        kacc = acc[kwm].mean().item() if kwm.any() else float("nan")
    return ce + t["gate_weight"] * bce + pen, {"ce": ce.item(), "bce": bce.item(), "pen": pen.item(),
                                               "acc": acc.mean().item(), "kw_acc": kacc,
                                               "max_logit": sc.abs().max().item()}


def data(cfg, synthetic):
    if synthetic:
        bank = Wd.synthetic(cfg)
        bg = S.synthetic_backgrounds(cfg["sample_rate"])
        return {s: S.Scenes(cfg, bank, bg, s) for s in U.SPLITS}, bank
    bank = Wd.build(cfg)
    return {s: S.Scenes(cfg, bank, S.backgrounds(s, cfg["sample_rate"]), s) for s in U.SPLITS}, bank


@torch.no_grad()
def infer(model, scenes, chunk=8):
    """-> gate logits [F] and scores [C,F] per scene (float32 PyTorch)."""
    was = model.training
    model.eval()
    gls, scs = [], []
    for i in range(0, len(scenes), chunk):
        xs = [s[0] for s in scenes[i:i + chunk]]
        n = max(len(x) for x in xs)
        same = all(len(x) == n for x in xs)
        if same:
            gl, sc, _ = model(torch.from_numpy(np.stack(xs))[:, None])
            gls += [g[0].numpy() for g in gl]
            scs += [s.numpy() for s in sc]
        else:
            for x in xs:
                gl, sc, _ = model(torch.from_numpy(x)[None, None])
                gls.append(gl[0, 0].numpy())
                scs.append(sc[0].numpy())
    model.train(was)
    return gls, scs


def eval_set(cfg, sc, seed):
    s = cfg["scenes"]
    return sc.fixed_set(seed, s["eval_scenes"], s["eval_seconds"])


def calibrate(cfg, model, val):
    """The threshold for the config's keyword-frame recall on validation, and the validation figures."""
    th = cfg["threshold"]
    gls, scs = infer(model, val)
    thr = M.choose_threshold(gls, [v[2] for v in val], th["hold"], th["target_recall"])
    return thr, M.evaluate(gls, scs, [v[1] for v in val], [v[2] for v in val], [v[3] for v in val], thr,
                           th["hold"], len(classes(cfg)), [v[4]["category"] for v in val],
                           cfg["sample_rate"] // cfg["frame"] // 2)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Train the Gated Compression keyword model.")
    ap.add_argument("--config", help="run config JSON (fields it omits keep models/configs/gc_kws_s.json)")
    ap.add_argument("--steps", type=int, help="default: config train.steps")
    ap.add_argument("--batch", type=int, help="default: config train.batch")
    ap.add_argument("--max-minutes", type=float, help="wall-time guard; default: config train.max_minutes")
    ap.add_argument("--eval-scenes", type=int, help="validation scenes; default: config scenes.eval_scenes")
    ap.add_argument("--out", required=True)
    ap.add_argument("--synthetic", action="store_true", help="generated words and backgrounds (CI)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--log-every", type=int, default=25)
    a = ap.parse_args(argv)
    try:
        cfg = C.load(a.config)
        for k, f in (("steps", "steps"), ("batch", "batch"), ("max_minutes", "max_minutes")):
            if getattr(a, k) is not None:
                cfg["train"][f] = getattr(a, k)
        if a.eval_scenes is not None:
            cfg["scenes"]["eval_scenes"] = a.eval_scenes
        C.check(cfg, "command line")
        sets, bank = data(cfg, a.synthetic)
    except (ConfigError, U.DataError, Wd.BankError, ValueError) as e:
        raise SystemExit("gated.train: error: %s" % e)
    return run(a, cfg, sets, bank)


def run(a, cfg, sets, bank):
    t = cfg["train"]
    torch.set_num_threads(a.threads)
    torch.manual_seed(t["seed"])
    torch.use_deterministic_algorithms(True)
    os.makedirs(a.out, exist_ok=True)
    model = GCModel(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=t["lr"])
    rng = np.random.RandomState(t["seed"])
    log = open(os.path.join(a.out, "log.txt"), "a")
    t0, hist, step = time.time(), [], 0
    budget_s = 60 * t["max_minutes"]
    for step in range(1, t["steps"] + 1):
        # Warm-up 100 steps, then cosine to 5 % over the run's progress: steps done, or wall time used when
        # the machine is slower than planned (then the run ends annealed at max_minutes instead of being cut
        # mid-schedule; such a run is not bit-reproducible, metrics.json records the step reached).
        progress = max(step / t["steps"], (time.time() - t0) / budget_s)
        for grp in opt.param_groups:
            grp["lr"] = t["lr"] * min(1.0, step / 100) * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * min(1.0, progress))))
        x, lab, kd = sets["train"].batch(rng, t["batch"], cfg["scenes"]["seconds"])
        loss, parts = losses(cfg, model, torch.from_numpy(x), lab, kd)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        hist.append([loss.item()] + [parts[k] for k in ("ce", "bce", "acc", "kw_acc", "max_logit")])
        if step % a.log_every == 0 or step == t["steps"]:
            m = np.nanmean(hist, 0)
            hist = []
            msg = ("step %d t=%.0fs loss %.3f ce %.3f gate_bce %.3f frame_acc %.3f kw_frame_acc %.3f max|logit| %.1f"
                   % (step, time.time() - t0, *m))
            print(msg, file=log, flush=True)
            print(msg, flush=True)
        late = progress >= 1.0 and step < t["steps"]
        if late:
            print("wall-time budget used: stopping annealed at step %d" % step, file=log, flush=True)
        if step % a.save_every == 0 or late:
            torch.save(checkpoint(model, cfg, step, t0, None), os.path.join(a.out, "ckpt.pt"))
        if late:
            break
    train_s = time.time() - t0
    thr, val = calibrate(cfg, model, eval_set(cfg, sets["val"], VAL_SEED))
    msg = ("threshold %.4f (hold %d): val keyword frames passed %.3f, negative frames gated %.3f, event acc "
           "gated %.3f ungated %.3f" % (thr, cfg["threshold"]["hold"], val["share_keyword_frames_passed"],
                                        val["share_negative_frames_gated"], val["gated"]["event_accuracy_majority"],
                                        val["ungated"]["event_accuracy_majority"]))
    print(msg, file=log, flush=True)
    print(msg, flush=True)
    ck = checkpoint(model, cfg, step, t0, {"threshold": thr, "val": val})
    ck["train_seconds"] = train_s
    torch.save(ck, os.path.join(a.out, "ckpt.pt"))
    json.dump({"steps": step, "train_seconds": train_s, "threshold": thr}, open(os.path.join(a.out, "done.json"), "w"))
    return ck


def checkpoint(model, cfg, step, t0, calib):
    return {"model": model.state_dict(), "run_config": cfg, "step": step, "calibration": calib,
            "train_seconds": time.time() - t0}


if __name__ == "__main__":
    main()
