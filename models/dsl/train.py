"""Train the DSL model, seeded and deterministic on one thread.

/usr/bin/python3 -m dsl.train --out models/.runs/NAME [--config FILE.json] [--data DIR|FILE.csv]
                               [--steps N] [--synthetic]
Writes ckpt.pt (also every --save-every steps, so an interrupted run is still usable) and log.txt."""
import argparse
import json
import os
import time

import numpy as np
import torch

from . import config as C
from . import losses as L
from . import userdata as U
from .data import Crops
from .model import DSLModel
from .switch_stage import reinit_switch, train_switch

W = {  # loss weights, explained in models/README.md
    "wave": 5.0,       # waveform NMSE (error/signal energy); x5 puts 3 dB SNR (0.5) at the
                       # STFT loss's scale: SNR is what routing quality is judged by
    "stft": 1.0,       # multi-resolution STFT (magnitude + log magnitude)
    "l1": 10.0,        # plain waveform L1 (small: ~5 % of the NMSE gradient; robust to clicks)
    "light": 1.0,      # light decoder reconstruction, same recipe as heavy
    "heavy": 1.0,
    "mask": 0.02,      # L1 on the clamped mask gates (mean over channels)
    "switch": 0.1,     # switch BCE (the switch reads a detached embedding: only the switch learns)
    "share": 1.0,      # share regulariser, relative to the switch BCE
}


def switch_target(cfg):
    """Switch target and share regulariser settings from the config; 'share' is the wanted share of
    heavy frames, i.e. 1 - switch.target_light_share (the checkpoint and metrics.json keep this form)."""
    sw = cfg["switch"]
    return {"tau_db": sw["tau_db"], "temp_db": sw["temp_db"], "share": 1.0 - sw["target_light_share"]}


def synthetic(seed, sr, seconds=20):
    """CI slice: tones, chirp-like bursts, noise and silence; no dataset build needed."""
    r = np.random.RandomState(seed)
    t = np.arange(sr * seconds) / float(sr)
    x = 0.2 * np.sin(2 * np.pi * (200 + 50 * np.sin(t)) * t) * (np.sin(3 * t) > 0)
    x += 0.02 * r.randn(len(t)) * (np.sin(0.7 * t) > 0.5)
    return [x.astype(np.float32)]


def main(argv=None):
    ap = argparse.ArgumentParser(description="Train the DSL model (stage 1, then the switch alone).")
    ap.add_argument("--config", help="run config JSON (fields it omits keep the shipped values of "
                                     "models/configs/dsl_soundstream_s.json)")
    ap.add_argument("--data", help="a folder with one sub-folder of WAVs per category, or a CSV with columns "
                                   "path, category, split (default: the shipped dataset in models/.data)")
    ap.add_argument("--steps", type=int, help="default: config train.steps")
    ap.add_argument("--batch", type=int, help="default: config train.batch")
    ap.add_argument("--seg", type=int, help="crop length in samples; default: config train.seg")
    ap.add_argument("--lr", type=float, help="default: config train.lr")
    ap.add_argument("--seed", type=int, help="default: config train.seed")
    ap.add_argument("--out", required=True)
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--wave", type=float, default=W["wave"])
    ap.add_argument("--stft", type=float, default=W["stft"])
    ap.add_argument("--l1", type=float, default=W["l1"])
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--max-minutes", type=float,
                    help="wall-time guard: stop (and save) early if the machine is slower than planned; "
                         "default: config train.max_minutes")
    ap.add_argument("--switch-steps", type=int, help="stage 2 (switch alone) steps; default: config train.switch_steps")
    ap.add_argument("--switch-lr", type=float, help="default: config train.switch_lr")
    ap.add_argument("--stage2-only", metavar="CKPT",
                    help="skip stage 1: load CKPT (a finished stage 1) and run stage 2 only")
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--log-every", type=int, default=25)
    a = ap.parse_args(argv)
    try:
        cfg = C.load(a.config)
        for k in ("steps", "batch", "seg", "lr", "seed", "max_minutes", "switch_steps", "switch_lr"):
            if getattr(a, k) is None:
                setattr(a, k, cfg["train"][k])
        cfg["train"] = dict(cfg["train"], **{k: getattr(a, k) for k in ("steps", "batch", "seg", "lr", "seed")})
        C.check(cfg, "command line")
        rows = None if a.synthetic else U.rows_of(a.data)
        waves = (synthetic(a.seed, cfg["sample_rate"]) if a.synthetic
                 else [w for _, w in U.load_split(rows, "train", cfg["sample_rate"])])
        crops = Crops(waves, a.seg, a.seed, cfg["train"]["gain_db"])
    except (C.ConfigError, U.DataError, ValueError) as e:
        raise SystemExit("dsl.train: error: %s" % e)
    return run(a, cfg, waves, crops)


def run(a, cfg, waves, crops):
    W["wave"], W["stft"], W["l1"] = a.wave, a.stft, a.l1
    sw, frame, ffts, eps = switch_target(cfg), cfg["frame"], cfg["loss"]["stft_ffts"], cfg["loss"]["eps_frame"]
    sizes = C.model_sizes(cfg)
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    torch.use_deterministic_algorithms(True)
    os.makedirs(a.out, exist_ok=True)
    model = DSLModel(sizes)
    if a.stage2_only:
        return stage2(a, cfg, model, waves, torch.load(a.stage2_only), time.time())
    opt = torch.optim.Adam([p for p in model.parameters()], lr=a.lr)
    # Linear warm-up 100 steps, then cosine to 5 % of lr.
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 100) * (
        0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * min(1.0, s / max(1, a.steps))))))
    prune_at = int(0.5 * a.steps)
    log = open(os.path.join(a.out, "log.txt"), "a")
    t0 = time.time()
    hist = []
    for step in range(1, a.steps + 1):
        if step == prune_at:
            model.prune(sizes["keep"])
            print("pruned mask: kept %d channels" % int(model.alive.sum()), file=log, flush=True)
        x = crops.batch(a.batch)
        logit, yl, yh, _ = model(x)
        rl, rh = [L.rec_loss(x, y, ffts, W["wave"], W["stft"], W["l1"]) for y in (yl, yh)]
        gain = L.heavy_gain_db(x, yl, yh, frame, eps)
        ls, tshare = L.switch_loss(logit, gain, sw["tau_db"], sw["temp_db"], sw["share"], W["share"])
        lm = model.mask().mean() if model.gate.requires_grad else torch.zeros(())
        loss = W["light"] * rl + W["heavy"] * rh + W["switch"] * ls + W["mask"] * lm
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
        opt.step()
        sched.step()
        with torch.no_grad():  # batch SNRs: the quantity the routing criteria are stated in
            snr = lambda y: 10 * torch.log10((x ** 2).sum() / ((x - y) ** 2).sum()).item()
        hist.append([loss.item(), rl.item(), rh.item(), ls.item(), gain.mean().item(), tshare.item(),
                     torch.sigmoid(logit).mean().item(), snr(yl), snr(yh)])
        if step % a.log_every == 0 or step == a.steps:
            m = np.mean(hist, 0)
            hist = []
            msg = ("step %d t=%.0fs loss %.3f light %.3f heavy %.3f switch %.3f gain_db %.2f "
                   "target_heavy %.2f pred_heavy %.2f snr_light %.2f snr_heavy %.2f live_gates %d" % (
                       step, time.time() - t0, *m, int((model.mask() > 0).sum())))
            print(msg, file=log, flush=True)
            print(msg, flush=True)
        late = time.time() - t0 > 60 * a.max_minutes
        if late:
            print("wall-time guard: stopping at step %d" % step, file=log, flush=True)
        if step % a.save_every == 0 or step == a.steps or late:
            torch.save(checkpoint(model, sizes, cfg, step, sw, a, t0), os.path.join(a.out, "ckpt.pt"))
        if late:
            break
    stage2(a, cfg, model, waves, checkpoint(model, sizes, cfg, step, sw, a, t0), t0)


def checkpoint(model, sizes, cfg, step, sw, a, t0):
    """'config' stays the sizes dict (what export.py builds the model from); 'run_config' is the whole
    run config, so dsl.ship measures and exports at the rate and frame the model was trained for."""
    return {"model": model.state_dict(), "config": sizes, "run_config": cfg, "step": step, "weights": W,
            "switch": sw, "args": vars(a), "train_seconds": time.time() - t0}


def stage2(a, cfg, model, waves, ck, t0):
    """Switch alone on the frozen model (see switch_stage.py); its own seeded crop stream."""
    model.load_state_dict(ck["model"])
    t1 = time.time()
    log = open(os.path.join(a.out, "log.txt"), "a")
    reinit_switch(model, a.seed + 1)
    train_switch(model, Crops(waves, a.seg, a.seed + 2, cfg["train"]["gain_db"]), a.switch_steps, a.batch,
                 a.switch_lr, switch_target(cfg), W["share"], cfg["frame"], cfg["loss"]["eps_frame"], log)
    ck = dict(ck, model=model.state_dict(), stage1_seconds=ck["train_seconds"],
              stage2_seconds=time.time() - t1, switch_steps=a.switch_steps)
    ck["train_seconds"] = ck["stage1_seconds"] + ck["stage2_seconds"]
    torch.save(ck, os.path.join(a.out, "ckpt.pt"))
    json.dump({"steps": ck["step"], "switch_steps": a.switch_steps, "stage1_seconds": ck["stage1_seconds"],
               "stage2_seconds": ck["stage2_seconds"], "train_seconds": ck["train_seconds"]},
              open(os.path.join(a.out, "done.json"), "w"))


if __name__ == "__main__":
    main()
