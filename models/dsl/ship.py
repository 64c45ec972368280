"""From a checkpoint to models/<name>/: model.onnx, dsl.json, calibration/ and test/ WAVs with
ATTRIBUTION.md, metrics.json and METRICS.md. Every number is measured here.

/usr/bin/python3 -m dsl.ship --ckpt models/.runs/main/ckpt.pt --name dsl_soundstream_s"""
import argparse
import glob
import hashlib
import json
import os

import numpy as np
import onnx
import torch

from dataset.audio_io import read_wav, to_int16, write_wav
from dataset.build import read_manifest
from . import evaluate as E
from . import onnx_np
from .export import OUTPUTS, export
from .macs import dsl_budget

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_CATS = ["speech", "tts", "music", "noise", "silence", "speech+noise", "speech+music"]
CAL_PLAN = [("speech", 3.0), ("tts", 2.0), ("music", 2.0), ("noise", 2.0), ("silence", 1.0)]


def pick_wavs(items, out_dir, plan, per_cat):
    """Write cropped int16 WAVs; returns attribution rows. plan: [(category, seconds)]."""
    os.makedirs(out_dir, exist_ok=True)
    for f in glob.glob(os.path.join(out_dir, "*.wav")):
        os.remove(f)
    rows = []
    for cat, sec in plan:
        cands = sorted([(r, x) for r, x in items if r["category"] == cat],
                       key=lambda t: (-len(t[1]), t[0]["path"]))[:per_cat]
        for r, x in cands:
            name = "%s_%s.wav" % (cat.replace("+", "_"), os.path.basename(r["path"])[:-4][:40])
            y = x[: int(sec * 16000)]
            write_wav(os.path.join(out_dir, name), to_int16(y * 32768.0))
            rows.append((name, r, len(y) / 16000))
    return rows


def attribution(path, groups):
    with open(path, "w") as f:
        f.write("# Attribution of the committed audio\n\nCropped (first seconds) 16 kHz mono int16 "
                "copies of files of the dataset built by models/dataset (see manifest.csv).\n"
                "Asterisk sounds: Copyright Digium, Inc., CC-BY-SA-3.0 (voices: Allison for en/es, "
                "June for fr). Opsound MOH: CC-BY-SA-3.0. Sonic Pi samples (npm "
                "supersonic-scsynth-samples@0.84.2): CC0-1.0 (Freesound sources). Mixtures are "
                "derived works of their parts and keep the parts' licences (CC-BY-SA-3.0 where an "
                "Asterisk part is present).\n")
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


def load(root, split):
    rows = [r for r in read_manifest() if r["split"] == split]
    return [(r, read_wav(os.path.join(root, r["path"])).astype(np.float32) / 32768.0) for r in rows]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--name", default="dsl_soundstream_s")
    ap.add_argument("--data", default=os.path.join(MODELS, ".data"))
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    ck = torch.load(a.ckpt)
    out = os.path.join(MODELS, a.name)
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "model.onnx")
    model, wrapped, idx = export(ck, onnx_path)
    onnx.checker.check_model(onnx.load(onnx_path))
    ops = sorted({n.op_type for n in onnx.load(onnx_path).graph.node})

    val, test, train = load(a.data, "val"), load(a.data, "test"), load(a.data, "train")
    thr, val_light = E.choose_threshold(E.run_all(model, val))
    res = E.quality(E.run_all(model, test), thr)
    mix_w, mix_l = E.background_mixture(test)
    mix = E.mixture_shares(model, mix_w, mix_l, thr)

    test_rows = pick_wavs(test, os.path.join(out, "test"), [(c, 4.0) for c in TEST_CATS], 2)
    cal_rows = pick_wavs(train, os.path.join(out, "calibration"), CAL_PLAN, 1)
    attribution(os.path.join(out, "ATTRIBUTION.md"), [("test/ (test split)", test_rows),
                                                      ("calibration/ (train split)", cal_rows)])
    write_audio_manifest(out, [("test", r) for r in test_rows] + [("calibration", r) for r in cal_rows])
    # The export must reproduce PyTorch on the committed test audio (numpy evaluator, float64).
    diffs = []
    onx = onnx.load(onnx_path)
    for name, _, _ in test_rows:
        x = read_wav(os.path.join(out, "test", name)).astype(np.float32) / 32768.0
        x = np.pad(x, (0, (-len(x)) % 320))[None, None]
        with torch.no_grad():
            ref = [t.numpy() for t in wrapped(torch.from_numpy(x))]
        got = onnx_np.run(onx, {"audio": x})
        diffs.append(max(float(np.abs(r - g).max()) for r, g in zip(ref, got)))

    budget = dsl_budget(model)
    dsl = {"name": a.name, "sample_rate": 16000, "frame": 320, "input": "audio",
           "switch": {"output": "switch_logit", "threshold": round(thr, 6), "hold": E.HOLD},
           "light": {"outputs": ["light"]}, "heavy": {"outputs": ["heavy"]},
           "mode": "switch", "calibration": ["calibration/*.wav"], "test": ["test/*.wav"]}
    json.dump(dsl, open(os.path.join(out, "dsl.json"), "w"), indent=2)
    crit = {
        "light_macs_ratio_ge_12.3": budget["ratio_macs_full_over_light"] >= 12.3,
        "light_params_ratio_ge_20.9": budget["ratio_params_full_over_light"] >= 20.9,
        "light_path_le_8M_macs": budget["light_path"]["macs_per_s"] <= 8e6,
        "heavy_path_le_150M_macs_1.5M_params": budget["heavy_path"]["macs_per_s"] <= 150e6
        and budget["heavy_path"]["params"] <= 1.5e6,
        "mixture_light_share_ge_0.8": mix["light_share"] >= 0.8,
        "routed_within_0.5dB_all": res["all"]["snr_db_heavy"] - res["all"]["snr_db_routed"] <= 0.5,
        "routed_within_0.5dB_speech": res["speech"]["snr_db_heavy"] - res["speech"]["snr_db_routed"] <= 0.5,
        "speech_mostly_heavy": res["speech"]["light_share"] < 0.5,
        "music_mostly_heavy": res["music"]["light_share"] < 0.5,
    }
    # The hash binds these figures to the exact model.onnx they describe (dsl/ci_check.py checks it).
    metrics = {"name": a.name, "onnx_sha256": hashlib.sha256(open(onnx_path, "rb").read()).hexdigest(),
               "checkpoint_step": ck["step"], "train_seconds": ck.get("train_seconds"),
               "loss_weights": ck["weights"], "switch_target": ck["switch"],
               "embedding_channels": int(len(idx)), "embedding_channels_before_mask": len(ck["model"]["gate"]),
               "onnx": {"opset": 13, "ops": ops, "outputs": OUTPUTS, "max_abs_diff_vs_torch": max(diffs),
                        "checker": "ok"},
               "budget": budget, "threshold": thr, "hold": E.HOLD, "val_light_share": val_light,
               "test": res, "background_mixture": mix, "criteria": crit}
    crit = {k: bool(v) for k, v in crit.items()}
    metrics["criteria"] = crit
    json.dump(metrics, open(os.path.join(out, "metrics.json"), "w"), indent=2, default=float)
    write_md(os.path.join(out, "METRICS.md"), metrics)
    print(json.dumps({"criteria": crit, "threshold": thr, "mixture": mix}, indent=1, default=float))


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
                                x["light_share_music"], x["snr_db_routed"], x["snr_db_heavy"]),
          "## Criteria\n"] + ["- %s: %s" % (k, "PASS" if v else "FAIL") for k, v in m["criteria"].items()]
    L.append("\nONNX: opset 13, ops %s; max |onnx - torch| on test WAVs %.2e.\n" % (
        ", ".join(m["onnx"]["ops"]), m["onnx"]["max_abs_diff_vs_torch"]))
    open(path, "w").write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
