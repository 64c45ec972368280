"""Fast CI checks (< 2 min) of the shipped GC model (models/gc_kws_s, or MODEL_DIR) and of the recipe: ONNX
checker, ops and I/O of contract14, causality, dsl.json, committed WAVs, metrics.json recomputed (hash,
MACs, params), the routing rules, and a few training steps + ship on generated data.
Prints one line per check and 'N passed, M failed' (the runner is dsl/checks.py's)."""
import csv
import glob
import json
import os
import sys
import tempfile

import numpy as np
import onnx

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, MODELS)
from dataset.audio_io import read_wav  # noqa: E402
from dsl.checks import Checks, assert_stale_metrics_caught, OnnxCost, sha  # noqa: E402

D = os.environ.get("MODEL_DIR") or os.path.join(MODELS, "gc_kws_s")
# contract14: ops dslc imports (+ the integer shape helpers torch emits around F.pad, constant-folded by dslc)
ALLOWED = {"Conv", "ConvTranspose", "Relu", "LeakyRelu", "Elu", "Tanh", "Sigmoid", "Clip", "Add", "Mul", "Concat",
           "Slice", "Pad", "Gemm", "MatMul", "Constant", "ConstantOfShape", "Cast", "Reshape", "Transpose",
           "Shape", "Gather", "Unsqueeze", "Identity"}
check = Checks()


def spec(d=D):
    return json.load(open(os.path.join(d, "dsl.json")))


@check
def onnx_checker_ops_io():
    m = onnx.load(os.path.join(D, "model.onnx"))
    onnx.checker.check_model(m)
    assert [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")] == [13]
    ops = {n.op_type for n in m.graph.node}
    assert ops <= ALLOWED, ops - ALLOWED
    assert [i.name for i in m.graph.input] == ["audio"]
    assert [o.name for o in m.graph.output] == ["switch_logit", "scores"]
    assert m.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT


@check
def onnx_runs_shapes_and_is_causal():
    """8 frames of noise: switch_logit [1,1,8], scores [1,C,8]; changing the input from frame 5 on changes
    nothing before frame 5 and something after (frame-causal streaming)."""
    from dsl import onnx_np
    s = spec()
    fr = s["frame"]
    m = onnx.load(os.path.join(D, "model.onnx"))
    r = np.random.RandomState(0)
    x = (0.1 * r.randn(1, 1, 8 * fr)).astype(np.float32)
    y = x.copy()
    y[..., 5 * fr:] += 0.3
    a, b = onnx_np.run(m, {"audio": x}), onnx_np.run(m, {"audio": y})
    assert a[0].shape == (1, 1, 8) and a[1].shape == (1, len(s["classes"]), 8), (a[0].shape, a[1].shape)
    for u, v in zip(a, b):
        assert np.abs(u[..., :5] - v[..., :5]).max() < 1e-9
        assert np.abs(u[..., 5:] - v[..., 5:]).max() > 0


@check
def dsl_json_is_the_contract():
    s = spec()
    assert s["mode"] == "gate" and s["input"] == "audio" and s["sample_rate"] % s["frame"] == 0
    assert s["switch"]["output"] == "switch_logit" and isinstance(s["switch"]["threshold"], float)
    assert isinstance(s["switch"]["hold"], int) and s["switch"]["hold"] >= 0
    assert s["heavy"]["outputs"] == ["scores"] and "light" not in s
    assert len(set(s["classes"])) == len(s["classes"]) and s["negative_class"] in s["classes"]
    for k in ("calibration", "test"):
        files = [f for g in s[k] for f in glob.glob(os.path.join(D, g))]
        assert files, k
        for f in files:  # 16-bit mono at the rate (read_wav refuses anything else), whole frames
            assert len(read_wav(f, s["sample_rate"])) % s["frame"] == 0, f


@check
def committed_wavs_match_manifest():
    rows = list(csv.DictReader(open(os.path.join(D, "audio_manifest.csv"))))
    on_disk = {os.path.relpath(p, D) for p in glob.glob(os.path.join(D, "*", "*.wav"))}
    assert on_disk == {r["path"] for r in rows}, on_disk ^ {r["path"] for r in rows}
    for r in rows:
        assert sha(os.path.join(D, r["path"])) == r["sha256"], r["path"]
    assert all(r["split"] == "test" for r in rows if r["path"].startswith("test/"))
    assert all(r["split"] == "train" for r in rows if r["path"].startswith("calibration/"))


def budget_from_onnx(path, sr):
    """Per part (node name prefix /encoder/, /gate/, /heavy/) and per path by reachability from the outputs
    as dslc partitions it (light: everything switch_logit needs; heavy: what scores needs beyond that)."""
    oc = OnnxCost(path, sr)
    light = oc.ancestors(["switch_logit"])
    heavy = {k: n for k, n in oc.ancestors(["scores"]).items() if k not in light}
    b = {p: oc.cost(oc.prefixed(p)) for p in ("encoder", "gate", "heavy")}
    add = lambda *ks: {f: sum(b[k][f] for k in ks) for f in ("macs_per_s", "params")}
    b["light_path"], b["heavy_path"], b["full_model"] = add("encoder", "gate"), add("heavy"), add("encoder", "gate", "heavy")
    assert oc.cost(light.values()) == b["light_path"], (oc.cost(light.values()), b["light_path"])
    assert oc.cost(heavy.values()) == b["heavy_path"], (oc.cost(heavy.values()), b["heavy_path"])
    b["ratio_heavy_over_light_macs"] = b["heavy_path"]["macs_per_s"] / b["light_path"]["macs_per_s"]
    return b


def metrics_problems(d):
    m = json.load(open(os.path.join(d, "metrics.json")))
    s = spec(d)
    p = []
    if m.get("onnx_sha256") != sha(os.path.join(d, "model.onnx")):
        p.append("metrics.json describes another model.onnx (sha256): re-run gated/ship.py")
    for k, v in budget_from_onnx(os.path.join(d, "model.onnx"), s["sample_rate"]).items():
        rec = m["budget"].get(k)
        if not (abs(rec - v) < 1e-9 if isinstance(v, float) and rec is not None else rec == v):
            p.append("budget %s: metrics.json says %s, model.onnx has %s" % (k, rec, v))
    if (m["threshold"], m["hold"], m["classes"]) != (s["switch"]["threshold"], s["switch"]["hold"], s["classes"]) \
            and abs(m["threshold"] - s["switch"]["threshold"]) > 1e-6:
        p.append("metrics.json threshold/hold/classes differ from dsl.json")
    return p


@check
def metrics_describe_the_model():
    p = metrics_problems(D)
    assert not p, p
    m = json.load(open(os.path.join(D, "metrics.json")))
    b = m["budget"]
    assert b["light_path"]["macs_per_s"] < b["heavy_path"]["macs_per_s"], "the gate path must be the cheap one"
    for k in ("share_negative_frames_gated", "share_keyword_frames_passed"):
        assert 0.0 <= m["test"][k] <= 1.0, k


@check
def stale_metrics_are_caught():
    """The metrics check says no: a metrics.json whose hash or budget is not the model's, or a changed
    model.onnx under unchanged metrics, is reported."""
    assert_stale_metrics_caught(D, metrics_problems, files=("model.onnx", "dsl.json"))


@check
def routing_rules():
    """held_max/threshold/evaluate on a hand-made case: the numbers are known."""
    from gated import metrics as M
    g = np.array([-5, 3, -5, -5, -5, -5, 2, -5], np.float64)
    assert M.held_max(g, 2).tolist() == [-5, 3, 3, 3, -5, -5, 2, 2]
    kinds = np.array([0, 2, 2, 2, 2, 0, 1, 0])
    thr = M.choose_threshold([g], [kinds], 2, 0.75)  # keyword held scores 3,3,3,-5: 3 of 4 pass above 0.5*(-5+3)
    assert abs(thr - (-1.0)) < 1e-12, thr
    labels = np.array([0, 1, 1, 1, 1, 0, 0, 0])
    sc = np.zeros((3, 8))
    sc[1, 1:5] = 4.0  # the classifier says class 1 on the word, background elsewhere
    sc[0, [0, 5, 6, 7]] = 4.0
    sc[2, 6] = 9.0  # and class 2 on the non-keyword word's frame (a false accept when passed)
    r = M.evaluate([g], [sc], [labels], [kinds], [[(1, 5, 1, 2, 0), (6, 7, 0, 1, 0)]], thr, 2, 3)
    assert r["share_keyword_frames_passed"] == 0.75 and r["share_negative_frames_gated"] == 0.5  # frames 0, 5
    assert r["ungated"]["frame_accuracy"] == 7 / 8 and r["gated"]["keyword_frame_accuracy"] == 0.75
    assert r["ungated"]["nonkeyword_false_accept"] == 1.0 and r["gated"]["nonkeyword_false_accept"] == 1.0
    assert r["gated"]["event_accuracy_majority"] == 1.0


@check
def config_errors_are_one_line():
    from dsl.config import ConfigError
    from gated import config as C
    with tempfile.TemporaryDirectory() as t:
        for cfg, words in (({"model": {"enc": [[8, 4, []], [16, 4, []], [32, 4, []]]}}, ("model.enc", "64", "320")),
                           ({"words": {"negatives": ["one"]}}, ("words.negatives",)),
                           ({"threshold": {"target_recall": 1.5}}, ("threshold.target_recall",)),
                           ({"modle": {}}, ("unknown field modle",))):
            p = os.path.join(t, "c.json")
            json.dump(cfg, open(p, "w"))
            try:
                C.load(p)
            except ConfigError as e:
                assert all(w in str(e) for w in words) and "\n" not in str(e), (str(e), words)
            else:
                raise AssertionError("no ConfigError for %s" % cfg)


@check
def few_training_steps_and_ship():
    """4 steps on generated words and backgrounds, then ship into a temporary folder: the folder passes the
    metrics check above and dsl.json has the threshold the training chose."""
    import torch
    from gated import ship, train
    with tempfile.TemporaryDirectory() as t:
        ck = train.main(["--synthetic", "--steps", "4", "--batch", "2", "--eval-scenes", "6", "--out", t,
                         "--log-every", "2"])
        log = open(os.path.join(t, "log.txt")).read().split()
        loss = [float(log[i + 1]) for i, w in enumerate(log) if w == "loss"]
        assert len(loss) == 2 and all(np.isfinite(loss)), loss
        ck2 = torch.load(os.path.join(t, "ckpt.pt"))
        assert ck2["calibration"]["threshold"] == ck["calibration"]["threshold"]
        out = os.path.join(t, "model")
        ship.main(["--ckpt", os.path.join(t, "ckpt.pt"), "--out", out, "--synthetic", "--eval-scenes", "4"])
        assert metrics_problems(out) == [], metrics_problems(out)
        assert abs(spec(out)["switch"]["threshold"] - ck["calibration"]["threshold"]) < 1e-6


@check
def training_is_deterministic():
    import torch
    from gated import train
    sds = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as t:
            train.main(["--synthetic", "--steps", "3", "--batch", "2", "--eval-scenes", "2", "--out", t,
                        "--log-every", "3"])
            sds.append(torch.load(os.path.join(t, "ckpt.pt"))["model"])
    assert all(torch.equal(sds[0][k], sds[1][k]) for k in sds[0])


if __name__ == "__main__":
    sys.exit(check.main())
