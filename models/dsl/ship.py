"""From a checkpoint to models/<name>/ (or --out DIR): model.onnx, dsl.json, calibration/ and test/
WAVs with ATTRIBUTION.md, metrics.json and METRICS.md. Every number is measured here.

/usr/bin/python3 -m dsl.ship --ckpt models/.runs/main/ckpt.pt --name dsl_soundstream_s
/usr/bin/python3 -m dsl.ship --ckpt RUN/ckpt.pt --data DIR|FILE.csv --name mine --out DIR"""
import argparse
import glob
import hashlib
import json
import os
import re

import numpy as np
import onnx
import torch

from dataset.audio_io import read_wav, to_int16, write_wav
from . import config as C
from . import evaluate as E
from . import onnx_np
from . import userdata as U
from .export import OUTPUTS, export
from .macs import dsl_budget

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED_DIR = os.path.join(MODELS, "dsl_soundstream_s")
# The shipped dataset's committed audio; a user's data gets every category it has (user_plans).
TEST_CATS = ["speech", "tts", "music", "noise", "silence", "speech+noise", "speech+music"]
SAFE = re.compile(r"[^A-Za-z0-9_-]")
CAL_PLAN = [("speech", 3.0), ("tts", 2.0), ("music", 2.0), ("noise", 2.0), ("silence", 1.0)]


def user_plans(rows, ship):
    """(test plan, calibration plan) for a user's categories: config ship.test_seconds per test file,
    ship.calibration_seconds shared evenly by the categories of the train split."""
    test = sorted({r["category"] for r in rows if r["split"] == "test"})
    train = sorted({r["category"] for r in rows if r["split"] == "train"})
    return ([(c, ship["test_seconds"]) for c in test],
            [(c, ship["calibration_seconds"] / len(train)) for c in train])


def pick_wavs(items, out_dir, plan, per_cat, sr):
    """Write cropped int16 WAVs; returns attribution rows. plan: [(category, seconds)]."""
    os.makedirs(out_dir, exist_ok=True)
    for f in glob.glob(os.path.join(out_dir, "*.wav")):
        os.remove(f)
    rows = []
    for cat, sec in plan:
        cands = sorted([(r, x) for r, x in items if r["category"] == cat],
                       key=lambda t: (-len(t[1]), t[0]["path"]))[:per_cat]
        for r, x in cands:
            # Only [A-Za-z0-9_-] in names: a user's categories may hold spaces ("+" of the shipped mixtures too).
            name = "%s_%s.wav" % (SAFE.sub("_", cat), SAFE.sub("_", os.path.basename(r["path"])[:-4][:40]))
            y = x[: int(sec * sr)]
            write_wav(os.path.join(out_dir, name), to_int16(y * 32768.0), sr)
            rows.append((name, r, len(y) / sr))
    return rows


SHIPPED_ATTRIBUTION = ("# Attribution of the committed audio\n\nCropped (first seconds) 16 kHz mono int16 "
                       "copies of files of the dataset built by models/dataset (see manifest.csv).\n"
                       "Asterisk sounds: Copyright Digium, Inc., CC-BY-SA-3.0 (voices: Allison for en/es, "
                       "June for fr). Opsound MOH: CC-BY-SA-3.0. Sonic Pi samples (npm "
                       "supersonic-scsynth-samples@0.84.2): CC0-1.0 (Freesound sources). Mixtures are "
                       "derived works of their parts and keep the parts' licences (CC-BY-SA-3.0 where an "
                       "Asterisk part is present).\n")
USER_ATTRIBUTION = ("# Attribution of the committed audio\n\nCropped (first seconds) %d Hz mono int16 copies "
                    "of the user's training data (%s); sources and licences as that data states them.\n")


def attribution(path, groups, head):
    with open(path, "w") as f:
        f.write(head)
        for title, rows in groups:
            f.write("\n## %s\n\n| file | seconds | category | split | source | licence |\n"
                    "|---|---|---|---|---|---|\n" % title)
            for name, r, d in rows:
                f.write("| %s | %.2f | %s | %s | %s | %s |\n" % (name, d, r["category"], r["split"],
                                                                r["source"], r["licence"]))


def write_audio_manifest(out, rows):
    """Checksums of the committed WAVs (CI compares them) and where each came from."""
    import csv
    import hashlib
    with open(os.path.join(out, "audio_manifest.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["path", "sha256", "duration_s", "category", "split", "dataset_path", "source", "licence"])
        for d, (name, r, sec) in rows:
            p = os.path.join(out, d, name)
            w.writerow([d + "/" + name, hashlib.sha256(open(p, "rb").read()).hexdigest(), "%.7f" % sec,
                        r["category"], r["split"], r["path"], r["source"], r["licence"]])


def main(argv=None):
    ap = argparse.ArgumentParser(description="Export, measure and write a model folder from a checkpoint.")
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--name", help="model name (dsl.json, file names); default: the config's name")
    ap.add_argument("--out", help="model folder (default models/<name>)")
    ap.add_argument("--data", help="as dsl.train --data: a category folder or a CSV (default: the shipped dataset)")
    ap.add_argument("--config", help="run config JSON (default: the one stored in the checkpoint)")
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    try:
        ck = torch.load(a.ckpt)
        cfg = C.load(a.config) if a.config or "run_config" not in ck else C.check(ck["run_config"], a.ckpt)
        a.name = a.name or cfg["name"]
        if a.data is not None and os.path.abspath(a.out or os.path.join(MODELS, a.name)) == SHIPPED_DIR:
            raise U.DataError("%s is the shipped model: give --out DIR (or --name) for a model of your own data"
                              % SHIPPED_DIR)
        rows = U.rows_of(a.data)
        sr = cfg["sample_rate"]
        val, test, train = [U.load_split(rows, s, sr) for s in ("val", "test", "train")]
    except (C.ConfigError, U.DataError, OSError) as e:
        raise SystemExit("dsl.ship: error: %s" % e)
    ship(a, ck, cfg, rows, val, test, train)


def ship(a, ck, cfg, rows, val, test, train):
    sr, frame, hold = cfg["sample_rate"], cfg["frame"], cfg["threshold"]["hold"]
    out = a.out or os.path.join(MODELS, a.name)
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "model.onnx")
    model, wrapped, idx = export(ck, onnx_path, frame * -(-sr // frame))
    onnx.checker.check_model(onnx.load(onnx_path))
    ops = sorted({n.op_type for n in onnx.load(onnx_path).graph.node})

    thr, val_light = E.choose_threshold(E.run_all(model, val, frame), hold, cfg["threshold"]["max_drop_db"])
    res = E.quality(E.run_all(model, test, frame), thr, hold, sr)
    mixture = E.background_mixture(test, sr)
    mix = E.mixture_shares(model, *mixture, thr, hold, frame) if mixture else None

    if a.data is None:
        test_plan, cal_plan, head = [(c, cfg["ship"]["test_seconds"]) for c in TEST_CATS], CAL_PLAN, SHIPPED_ATTRIBUTION
    else:
        (test_plan, cal_plan), head = user_plans(rows, cfg["ship"]), USER_ATTRIBUTION % (sr, a.data)
    test_rows = pick_wavs(test, os.path.join(out, "test"), test_plan, cfg["ship"]["test_per_category"], sr)
    cal_rows = pick_wavs(train, os.path.join(out, "calibration"), cal_plan, 1, sr)
    attribution(os.path.join(out, "ATTRIBUTION.md"), [("test/ (test split)", test_rows),
                                                      ("calibration/ (train split)", cal_rows)], head)
    write_audio_manifest(out, [("test", r) for r in test_rows] + [("calibration", r) for r in cal_rows])
    # The export must reproduce PyTorch on the committed test audio (numpy evaluator, float64).
    diffs = []
    onx = onnx.load(onnx_path)
    for name, _, _ in test_rows:
        x = read_wav(os.path.join(out, "test", name), sr).astype(np.float32) / 32768.0
        x = np.pad(x, (0, (-len(x)) % frame))[None, None]
        with torch.no_grad():
            ref = [t.numpy() for t in wrapped(torch.from_numpy(x))]
        got = onnx_np.run(onx, {"audio": x})
        diffs.append(max(float(np.abs(r - g).max()) for r, g in zip(ref, got)))

    budget = dsl_budget(model, sr)
    dsl = {"name": a.name, "sample_rate": sr, "frame": frame, "input": "audio",
           "switch": {"output": "switch_logit", "threshold": round(thr, 6), "hold": hold},
           "light": {"outputs": ["light"]}, "heavy": {"outputs": ["heavy"]},
           "mode": "switch", "calibration": ["calibration/*.wav"], "test": ["test/*.wav"]}
    # dslc's own options added to dsl.json later (e.g. "handoff", "int16_tensors" of the shipped model)
    # are not the trainer's to drop: a re-run keeps the fields it does not write.
    old = os.path.join(out, "dsl.json")
    if os.path.exists(old):
        dsl.update({k: v for k, v in json.load(open(old)).items() if k not in dsl})
    json.dump(dsl, open(old, "w"), indent=2)
    crit = {
        "light_macs_ratio_ge_12.3": budget["ratio_macs_full_over_light"] >= 12.3,
        "light_params_ratio_ge_20.9": budget["ratio_params_full_over_light"] >= 20.9,
        "light_path_le_8M_macs": budget["light_path"]["macs_per_s"] <= 8e6,
        "heavy_path_le_150M_macs_1.5M_params": budget["heavy_path"]["macs_per_s"] <= 150e6
        and budget["heavy_path"]["params"] <= 1.5e6,
    }
    # The shipped data's criteria, for the categories this data has (a user's may have none of them).
    if mix:
        crit["mixture_light_share_ge_0.8"] = mix["light_share"] >= 0.8
    crit["routed_within_0.5dB_all"] = res["all"]["snr_db_heavy"] - res["all"]["snr_db_routed"] <= 0.5
    if "speech" in res:
        crit["routed_within_0.5dB_speech"] = res["speech"]["snr_db_heavy"] - res["speech"]["snr_db_routed"] <= 0.5
        crit["speech_mostly_heavy"] = res["speech"]["light_share"] < 0.5
    if "music" in res:
        crit["music_mostly_heavy"] = res["music"]["light_share"] < 0.5
    # The hash binds these figures to the exact model.onnx they describe (dsl/ci_check.py checks it).
    metrics = {"name": a.name, "onnx_sha256": hashlib.sha256(open(onnx_path, "rb").read()).hexdigest(),
               "checkpoint_step": ck["step"], "train_seconds": ck.get("train_seconds"),
               "loss_weights": ck["weights"], "switch_target": ck["switch"],
               "embedding_channels": int(len(idx)), "embedding_channels_before_mask": len(ck["model"]["gate"]),
               "onnx": {"opset": 13, "ops": ops, "outputs": OUTPUTS, "max_abs_diff_vs_torch": max(diffs),
                        "checker": "ok"},
               "budget": budget, "threshold": thr, "hold": hold, "val_light_share": val_light,
               "test": res, "background_mixture": mix, "criteria": crit}
    crit = {k: bool(v) for k, v in crit.items()}
    metrics["criteria"] = crit
    json.dump(metrics, open(os.path.join(out, "metrics.json"), "w"), indent=2, default=float)
    write_md(os.path.join(out, "METRICS.md"), metrics)
    print(json.dumps({"criteria": crit, "threshold": thr, "mixture": mix}, indent=1, default=float))
    if val_light >= 0.99:  # dslc then warns too, typically that the threshold is above every calibration score
        print("dsl.ship: note: the threshold routes %.1f %% of validation frames to the light path (the heavy "
              "decoder rarely wins by enough); train longer (train.steps) or give the heavy decoder more room"
              % (100 * val_light))


def write_md(path, m):
    b = m["budget"]
    L = ["# %s: measured metrics (written by models/dsl/ship.py)\n" % m["name"],
         "Checkpoint step %s, training %.0f s. Embedding %d channels (of %d before the mask). "
         "Switch threshold %.4f (logit, chosen on the validation split), hold %d frames.\n" % (
             m["checkpoint_step"], m["train_seconds"] or 0, m["embedding_channels"],
             m["embedding_channels_before_mask"], m["threshold"], m["hold"]),
         "| part | MACs/s | params |", "|---|---|---|"]
    for k in ("encoder", "switch", "light_dec", "heavy_dec", "light_path", "heavy_path", "full_model"):
        L.append("| %s | %s | %s |" % (k, format(b[k]["macs_per_s"], ","), format(b[k]["params"], ",")))
    L.append("\nFull/light: %.2fx MACs, %.2fx params.\n" % (b["ratio_macs_full_over_light"],
                                                           b["ratio_params_full_over_light"]))
    L += ["## Test split per category\n",
          "| category | frames | light share | SNR light | SNR heavy | SNR routed | LSD light | LSD heavy | LSD routed |",
          "|---|---|---|---|---|---|---|---|---|"]
    for c, r in m["test"].items():
        L.append("| %s | %d | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |" % (
            c, r["frames"], r["light_share"], r["snr_db_light"], r["snr_db_heavy"], r["snr_db_routed"],
            r["lsd_db_light"], r["lsd_db_heavy"], r["lsd_db_routed"]))
    x = m["background_mixture"]
    L += ["\n## Background-heavy test mixture (60 s, 10 % speech+music)\n",
          "Light share %.3f overall; background %.3f, speech %.3f, music %.3f. SNR routed %.2f dB, "
          "heavy %.2f dB.\n" % (x["light_share"], x["light_share_background"], x["light_share_speech"],
                                x["light_share_music"], x["snr_db_routed"], x["snr_db_heavy"]) if x else
          "Not made: it needs test files of the categories speech, music (>= 8 s) and silence or noise.\n",
          "## Criteria\n"] + ["- %s: %s" % (k, "PASS" if v else "FAIL") for k, v in m["criteria"].items()]
    L.append("\nONNX: opset 13, ops %s; max |onnx - torch| on test WAVs %.2e.\n" % (
        ", ".join(m["onnx"]["ops"]), m["onnx"]["max_abs_diff_vs_torch"]))
    open(path, "w").write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
