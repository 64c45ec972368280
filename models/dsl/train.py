"""Train the DSL model, seeded and deterministic on one thread.

/usr/bin/python3 -m dsl.train --steps N --out models/.runs/NAME [--synthetic]
Writes ckpt.pt (also every --save-every steps, so an interrupted run is still usable) and log.txt."""
import argparse
import json
import os
import time

import numpy as np
import torch

from . import losses as L
from .data import Crops, load_split
from .model import CONFIG, DSLModel
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
SWITCH = {"tau_db": 1.0, "temp_db": 0.5, "share": 0.5}


def synthetic(seed, seconds=20):
    """CI slice: tones, chirp-like bursts, noise and silence; no dataset build needed."""
    r = np.random.RandomState(seed)
    t = np.arange(16000 * seconds) / 16000.0
    x = 0.2 * np.sin(2 * np.pi * (200 + 50 * np.sin(t)) * t) * (np.sin(3 * t) > 0)
    x += 0.02 * r.randn(len(t)) * (np.sin(0.7 * t) > 0.5)
    return [x.astype(np.float32)]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seg", type=int, default=8000)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", ".data"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--wave", type=float, default=W["wave"])
    ap.add_argument("--stft", type=float, default=W["stft"])
    ap.add_argument("--l1", type=float, default=W["l1"])
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--max-minutes", type=float, default=34.0,
                    help="wall-time guard: stop (and save) early if the machine is slower than planned")
    ap.add_argument("--switch-steps", type=int, default=400, help="stage 2 (switch alone) steps")
    ap.add_argument("--switch-lr", type=float, default=1e-2)
    ap.add_argument("--stage2-only", metavar="CKPT",
                    help="skip stage 1: load CKPT (a finished stage 1) and run stage 2 only")
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--log-every", type=int, default=25)
    a = ap.parse_args(argv)

    W["wave"], W["stft"], W["l1"] = a.wave, a.stft, a.l1
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    torch.use_deterministic_algorithms(True)
    os.makedirs(a.out, exist_ok=True)
    waves = synthetic(a.seed) if a.synthetic else [w for _, w in load_split(a.data, "train")]
    crops = Crops(waves, a.seg, a.seed)
    model = DSLModel(CONFIG)
    if a.stage2_only:
        return stage2(a, model, waves, torch.load(a.stage2_only), time.time())
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
            model.prune(CONFIG["keep"])
            print("pruned mask: kept %d channels" % int(model.alive.sum()), file=log, flush=True)
        x = crops.batch(a.batch)
        logit, yl, yh, _ = model(x)
        rl, rh = [L.rec_loss(x, y, W["wave"], W["stft"], W["l1"]) for y in (yl, yh)]
        gain = L.heavy_gain_db(x, yl, yh)
        ls, tshare = L.switch_loss(logit, gain, SWITCH["tau_db"], SWITCH["temp_db"], SWITCH["share"],
                                   W["share"])
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
            torch.save({"model": model.state_dict(), "config": CONFIG, "step": step, "weights": W,
                        "switch": SWITCH, "args": vars(a), "train_seconds": time.time() - t0},
                       os.path.join(a.out, "ckpt.pt"))
        if late:
            break
    ck = {"model": model.state_dict(), "config": CONFIG, "step": step, "weights": W, "switch": SWITCH,
          "args": vars(a), "train_seconds": time.time() - t0}
    stage2(a, model, waves, ck, t0)


def stage2(a, model, waves, ck, t0):
    """Switch alone on the frozen model (see switch_stage.py); its own seeded crop stream."""
    model.load_state_dict(ck["model"])
    t1 = time.time()
    log = open(os.path.join(a.out, "log.txt"), "a")
    reinit_switch(model, a.seed + 1)
    train_switch(model, Crops(waves, a.seg, a.seed + 2), a.switch_steps, a.batch, a.switch_lr, SWITCH,
                 W["share"], log)
    ck = dict(ck, model=model.state_dict(), stage1_seconds=ck["train_seconds"],
              stage2_seconds=time.time() - t1, switch_steps=a.switch_steps)
    ck["train_seconds"] = ck["stage1_seconds"] + ck["stage2_seconds"]
    torch.save(ck, os.path.join(a.out, "ckpt.pt"))
    json.dump({"steps": ck["step"], "switch_steps": a.switch_steps, "stage1_seconds": ck["stage1_seconds"],
               "stage2_seconds": ck["stage2_seconds"], "train_seconds": ck["train_seconds"]},
              open(os.path.join(a.out, "done.json"), "w"))


if __name__ == "__main__":
    main()
