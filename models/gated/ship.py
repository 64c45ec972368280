"""From a GC checkpoint to models/<name>/ (or --out DIR): model.onnx, dsl.json (mode "gate"),
calibration/ and test/ scene WAVs with audio_manifest.csv and ATTRIBUTION.md, metrics.json, METRICS.md.
Every number is measured here, on the float model (PyTorch, checked against the ONNX file).

/usr/bin/python3 -m gated.ship --ckpt models/.runs/gc_kws_s/ckpt.pt [--out DIR] [--synthetic]"""
import argparse
import json
import os

import numpy as np
import onnx
import torch

from dataset.audio_io import read_wav, to_int16, write_wav
from dsl import onnx_np
from dsl import userdata as U
from dsl.checks import sha
from dsl.config import MODELS, ConfigError
from dsl.ship import attribution, write_audio_manifest

from . import config as C
from . import metrics as M
from . import train as T
from .config import classes, receptive_field_frames
from .model import Exported, GCModel, budget

OUTPUTS = ["switch_logit", "scores"]
SHIP_SEEDS = {"test": 4242, "calibration": 4343}
ATTRIBUTION_HEAD = ("# Attribution of the committed audio\n\nGenerated scenes (16 kHz mono int16): words of the "
                    "gated/words.py bank placed into backgrounds of the dataset built by models/dataset (see "
                    "dataset/manifest.csv). A scene is a derived work of its parts and keeps their licences: "
                    "Asterisk sounds and Opsound MOH CC-BY-SA-3.0 (Digium), Sonic Pi samples CC0-1.0, espeak-ng "
                    "output (GPL-3.0-or-later program; its speech output is not a derivative work of the program), "
                    "flite voices BSD-style, sox-generated noise.\n")


def export(model, path, T):
    w = Exported(model).eval()
    torch.onnx.export(w, (torch.zeros(1, 1, T),), path, opset_version=13, input_names=["audio"],
                      output_names=OUTPUTS, dynamic_axes={"audio": {2: "T"}, "switch_logit": {2: "F"},
                                                          "scores": {2: "F"}}, do_constant_folding=True)


def describe(scene, bank, cls):
    """A scene's contents in words: background file and each word with its voice and frames."""
    x, lab, kind, events, row = scene
    ws = ["%s%s@%d-%d(%s)" % (bank["words"][bi], "" if c else "*", f0, f1, bank["rendition"][bi])
          for f0, f1, c, k, bi in events]
    return "background %s; words (frames, voice; * = not a keyword): %s" % (row["path"], ", ".join(ws) or "none")


def licences(scene, bank):
    x, lab, kind, events, row = scene
    return "; ".join(sorted({row["licence"]} | {bank["licence"][e[4]] for e in events}))


def write_scenes(out, sub, scenes, bank, cls, split, sr):
    d = os.path.join(out, sub)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.endswith(".wav"):
            os.remove(os.path.join(d, f))
    rows = []
    for i, sc in enumerate(scenes):
        name = "%s_%02d.wav" % (sub, i)
        write_wav(os.path.join(d, name), to_int16(sc[0] * 32768.0), sr)
        r = {"category": "scene", "split": split, "path": sc[4]["path"], "source": describe(sc, bank, cls),
             "licence": licences(sc, bank)}
        rows.append((name, r, len(sc[0]) / sr))
    return rows


def write_dsl_json(out, name, cfg, thr):
    p = os.path.join(out, "dsl.json")
    old = json.load(open(p)) if os.path.exists(p) else {}
    spec = {"name": name, "sample_rate": cfg["sample_rate"], "frame": cfg["frame"], "input": "audio", "mode": "gate",
            "switch": {"output": "switch_logit", "threshold": round(thr, 6), "hold": cfg["threshold"]["hold"]},
            "heavy": {"outputs": ["scores"]}, "classes": classes(cfg),
            "negative_class": cfg["words"]["background_class"],
            "calibration": ["calibration/*.wav"], "test": ["test/*.wav"]}
    spec.update({k: v for k, v in old.items() if k not in spec})  # dslc options ship does not write
    json.dump(spec, open(p, "w"), indent=2)
    open(p, "a").write("\n")
    return spec


def main(argv=None):
    ap = argparse.ArgumentParser(description="Export, measure and write the GC model folder from a checkpoint.")
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", help="model folder (default models/<config name>)")
    ap.add_argument("--synthetic", action="store_true", help="generated words and backgrounds (CI)")
    ap.add_argument("--eval-scenes", type=int, help="test scenes measured; default: config scenes.eval_scenes")
    ap.add_argument("--calibration-scenes", type=int,
                    help="calibration scenes written for dslc; default: config ship.calibration_scenes")
    a = ap.parse_args(argv)
    torch.set_num_threads(2)
    try:
        ck = torch.load(a.ckpt)
        cfg = C.check(ck["run_config"], a.ckpt)
        if ck.get("calibration") is None:
            raise ConfigError("%s: no threshold (the run stopped before calibration): re-run gated.train" % a.ckpt)
        if a.eval_scenes is not None:
            cfg["scenes"]["eval_scenes"] = a.eval_scenes
        if a.calibration_scenes is not None:
            cfg["ship"]["calibration_scenes"] = a.calibration_scenes
        sets, bank = T.data(cfg, a.synthetic)
    except (ConfigError, U.DataError, T.Wd.BankError, OSError) as e:
        raise SystemExit("gated.ship: error: %s" % e)
    return ship(a, ck, cfg, sets, bank)


def ship(a, ck, cfg, sets, bank):
    sr, frame, hold, cls = cfg["sample_rate"], cfg["frame"], cfg["threshold"]["hold"], classes(cfg)
    name = cfg["name"]
    out = a.out or os.path.join(MODELS, name)
    os.makedirs(out, exist_ok=True)
    model = GCModel(cfg)
    model.load_state_dict(ck["model"])
    model.eval()
    thr = ck["calibration"]["threshold"]
    onnx_path = os.path.join(out, "model.onnx")
    export(model, onnx_path, -(-sr // frame) * frame)
    om = onnx.load(onnx_path)
    onnx.checker.check_model(om)

    sh = cfg["ship"]
    test = sets["test"].fixed_set(SHIP_SEEDS["test"], sh["test_scenes"], sh["test_seconds"])
    cal = sets["train"].fixed_set(SHIP_SEEDS["calibration"], sh["calibration_scenes"], sh["calibration_seconds"])
    wrows = [("test", r) for r in write_scenes(out, "test", test, bank, cls, "test", sr)]
    wrows += [("calibration", r) for r in write_scenes(out, "calibration", cal, bank, cls, "train", sr)]
    write_audio_manifest(out, wrows)
    attribution(os.path.join(out, "ATTRIBUTION.md"),
                [("test/ (test split: voices never heard in training)", [r for d, r in wrows if d == "test"]),
                 ("calibration/ (train split)", [r for d, r in wrows if d == "calibration"])], ATTRIBUTION_HEAD)
    spec = write_dsl_json(out, name, cfg, thr)

    # ONNX (numpy, float64) vs PyTorch on the committed test WAVs, as read back from disk.
    diff = 0.0
    with torch.no_grad():
        for name_, _, _ in [r for d, r in wrows if d == "test"]:
            x = read_wav(os.path.join(out, "test", name_), sr).astype(np.float32) / 32768.0
            g, s, _ = model(torch.from_numpy(x)[None, None])
            og, os_ = onnx_np.run(om, {"audio": x[None, None]})
            diff = max(diff, float(np.abs(og - g.numpy()).max()), float(np.abs(os_ - s.numpy()).max()))

    ev = T.eval_set(cfg, sets["test"], T.TEST_SEED)
    gls, scs = T.infer(model, ev)
    res = M.evaluate(gls, scs, [e[1] for e in ev], [e[2] for e in ev], [e[3] for e in ev], thr, hold, len(cls),
                     [e[4]["category"] for e in ev], sr // frame // 2)
    allsc = np.concatenate([s.ravel() for s in scs])
    allg = np.concatenate(gls)
    b = budget(model, sr)
    passed = res["share_all_frames_passed"]
    metrics = {
        "name": spec["name"], "onnx_sha256": sha(onnx_path), "mode": "gate", "classes": cls,
        "negative_class": spec["negative_class"], "threshold": thr, "hold": hold,
        "target_keyword_recall": cfg["threshold"]["target_recall"],
        "budget": b, "heavy_receptive_field_frames": receptive_field_frames(cfg),
        "average_macs_per_s_gated": b["light_path"]["macs_per_s"] + passed * b["heavy_path"]["macs_per_s"],
        "test": res, "validation": ck["calibration"]["val"],
        "test_set": {"scenes": len(ev), "seconds_each": cfg["scenes"]["eval_seconds"], "seed": T.TEST_SEED,
                     "speakers": sorted({bank["speaker"][i] for i, s in enumerate(bank["split"]) if s == "test"})},
        "logit_range": {"scores_min": float(allsc.min()), "scores_max": float(allsc.max()),
                        "scores_p99_abs": float(np.percentile(np.abs(allsc), 99)),
                        "gate_min": float(allg.min()), "gate_max": float(allg.max())},
        "onnx_vs_torch_max_abs_diff": diff,
        "train": {"steps": ck["step"], "seconds": ck.get("train_seconds"), "config": cfg},
    }
    json.dump(metrics, open(os.path.join(out, "metrics.json"), "w"), indent=1)
    open(os.path.join(out, "METRICS.md"), "w").write(metrics_md(metrics))
    print("shipped %s: threshold %.4f, test: %.1f %% negative frames gated, %.1f %% keyword frames passed, "
          "event accuracy gated %.1f %% / ungated %.1f %%" % (
              out, thr, 100 * res["share_negative_frames_gated"], 100 * res["share_keyword_frames_passed"],
              100 * res["gated"]["event_accuracy_majority"], 100 * res["ungated"]["event_accuracy_majority"]))
    return metrics


def _pct(v):
    return "n/a" if v is None else "%.1f %%" % (100 * v)


def metrics_md(m):
    t, b = m["test"], m["budget"]
    lp, hp = b["light_path"], b["heavy_path"]
    rows = [("negative frames gated (heavy not run)", t["share_negative_frames_gated"]),
            ("  background frames gated", t["share_background_frames_gated"]),
            ("  non-keyword word frames gated", t["share_nonkeyword_word_frames_gated"]),
            ("  background frames > 0.5 s from any word gated", t["share_far_background_frames_gated"])]
    rows += [("  negative frames gated in scenes over %s" % c, v)
             for c, v in t["share_negative_frames_gated_by_background"].items()]
    rows += [
            ("keyword frames passed to the heavy path", t["share_keyword_frames_passed"]),
            ("all frames passed", t["share_all_frames_passed"])]
    acc = [("frame accuracy (all frames)", "frame_accuracy"), ("keyword-frame accuracy", "keyword_frame_accuracy"),
           ("keyword event accuracy, majority of the word's frames", "event_accuracy_majority"),
           ("keyword event accuracy, argmax of the mean probability", "event_accuracy_mean_prob"),
           ("non-keyword words taken for a keyword (majority)", "nonkeyword_false_accept")]
    s = ["# %s: Gated Compression keyword spotter, measured\n" % m["name"],
         "Written by `gated/ship.py` for `model.onnx` sha256 `%s`. Float model (PyTorch; the ONNX graph agrees to "
         "%.1e). Test set: %d generated scenes of %g s (seed %d) of test-split speakers never heard in training "
         "(%s) over test-split backgrounds: %d frames, %d keyword frames, %d keyword words, %d non-keyword words.\n"
         % (m["onnx_sha256"], m["onnx_vs_torch_max_abs_diff"], m["test_set"]["scenes"], m["test_set"]["seconds_each"],
            m["test_set"]["seed"], ", ".join(m["test_set"]["speakers"]), t["frames"], t["keyword_frames"],
            t["ungated"]["keyword_events"], t["ungated"]["nonkeyword_events"]),
         "Gate: threshold %.4f (logit), hold %d frames, chosen on the validation scenes for %.0f %% keyword-frame recall."
         "\n" % (m["threshold"], m["hold"], 100 * m["target_keyword_recall"]),
         "## Gating (test)\n", "| figure | value |", "|---|---|"]
    s += ["| %s | %s |" % (k, _pct(v)) for k, v in rows]
    s += ["", "## Classifier accuracy, gated vs ungated (test)\n", "| figure | ungated (heavy every frame) | gated |",
          "|---|---|---|"]
    s += ["| %s | %s | %s |" % (k, _pct(t["ungated"][f]), _pct(t["gated"][f])) for k, f in acc]
    s += ["", "## Cost (MACs per second of audio, parameters; dsl/macs.py rules)\n",
          "| part | MACs/s | params |", "|---|---|---|"]
    for k in ("encoder", "gate", "light_path", "heavy_path", "full_model"):
        s.append("| %s | %s | %s |" % (k, "{:,}".format(b[k]["macs_per_s"]), "{:,}".format(b[k]["params"])))
    s += ["", "Heavy path / light path MACs: %.1fx. Light path = encoder + gate (always on); heavy = classifier "
          "(receptive field %d frames). Average with gating on the test scenes: %s MACs/s (%.1f %% of ungated)."
          % (b["ratio_heavy_over_light_macs"], m["heavy_receptive_field_frames"],
             "{:,.0f}".format(m["average_macs_per_s_gated"]),
             100 * m["average_macs_per_s_gated"] / b["full_model"]["macs_per_s"]),
          "", "Logit range on the test scenes: scores %.2f .. %.2f (99th percentile of |score| %.2f), gate %.2f .. %.2f."
          % (m["logit_range"]["scores_min"], m["logit_range"]["scores_max"], m["logit_range"]["scores_p99_abs"],
             m["logit_range"]["gate_min"], m["logit_range"]["gate_max"]),
          "", "Validation (threshold choice): %s keyword frames passed, %s negative frames gated." % (
              _pct(m["validation"]["share_keyword_frames_passed"]), _pct(m["validation"]["share_negative_frames_gated"])),
          "", "Training: %d steps, %.0f s." % (m["train"]["steps"], m["train"]["seconds"] or 0), ""]
    return "\n".join(s)


if __name__ == "__main__":
    main()
