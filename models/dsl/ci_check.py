"""Fast CI checks of the committed model and manifests (no dataset build, no full training).
Prints one line per check and finally 'N passed, M failed'; exit status 1 if any failed."""
import csv
import glob
import json
import os
import sys
import tempfile

import numpy as np
import onnx

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = "dsl_soundstream_s"
NAME = os.environ.get("MODEL_NAME", SHIPPED)
D = os.environ.get("MODEL_DIR") or os.path.join(MODELS, NAME)  # MODEL_DIR: a model shipped with --out
SPEC = json.load(open(os.path.join(D, "dsl.json")))
SR, FRAME = SPEC["sample_rate"], SPEC["frame"]  # a user's model may have its own rate and frame
ALLOWED = {"Conv", "ConvTranspose", "Elu", "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Add", "Mul",
           "MatMul", "Gemm", "Pad", "Slice", "Transpose", "Reshape", "Concat", "Identity", "Constant",
           # integer/shape helpers torch emits around F.pad and cropping (constant-folded by dslc)
           "ConstantOfShape", "Cast", "Shape", "Gather", "Unsqueeze", "Squeeze"}
sys.path.insert(0, MODELS)
from dsl.checks import Checks, assert_stale_metrics_caught, sha  # noqa: E402  (the runner gated/ci_check.py shares)

check = Checks()


@check
def onnx_checker():
    m = onnx.load(os.path.join(D, "model.onnx"))
    onnx.checker.check_model(m)
    assert [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")] == [13]


@check
def onnx_ops_and_io():
    m = onnx.load(os.path.join(D, "model.onnx"))
    ops = {n.op_type for n in m.graph.node}
    assert ops <= ALLOWED, ops - ALLOWED
    assert [i.name for i in m.graph.input] == ["audio"]
    assert [o.name for o in m.graph.output] == ["switch_logit", "light", "heavy", "embedding"]
    assert m.graph.input[0].type.tensor_type.elem_type == 1  # float32


@check
def onnx_runs_and_is_causal():
    """Numpy evaluation on 8 frames; changing the input from frame 5 on must not change any
    output before frame 5 (frame-causal streaming)."""
    sys.path.insert(0, MODELS)
    from dsl import onnx_np
    m = onnx.load(os.path.join(D, "model.onnx"))
    r = np.random.RandomState(0)
    x = (0.1 * r.randn(1, 1, 8 * FRAME)).astype(np.float32)
    y = x.copy()
    y[..., 5 * FRAME:] += 0.3
    a, b = onnx_np.run(m, {"audio": x}), onnx_np.run(m, {"audio": y})
    assert a[0].shape == (1, 1, 8) and a[1].shape == (1, 1, 8 * FRAME) and a[2].shape == (1, 1, 8 * FRAME)
    assert a[3].shape[0] == 1 and a[3].shape[2] == 8
    for u, v in zip(a, b):
        n = 5 if u.shape[-1] == 8 else 5 * FRAME
        assert np.abs(u[..., :n] - v[..., :n]).max() < 1e-9
        assert np.abs(u[..., n:] - v[..., n:]).max() > 0


@check
def dsl_json_sanity():
    sys.path.insert(0, MODELS)
    from dsl import config
    j = SPEC
    assert j["name"] == NAME and j["input"] == "audio"
    if NAME == SHIPPED:  # the shipped recipe's rate and frame are the default config's
        cfg = config.load()
        assert (j["sample_rate"], j["frame"]) == (cfg["sample_rate"], cfg["frame"])
    assert j["sample_rate"] % j["frame"] == 0
    assert j["switch"]["output"] == "switch_logit" and isinstance(j["switch"]["threshold"], (int, float))
    assert isinstance(j["switch"]["hold"], int) and j["switch"]["hold"] >= 0
    assert j["light"]["outputs"] == ["light"] and j["heavy"]["outputs"] == ["heavy"] and j["mode"] == "switch"
    for k in ("calibration", "test"):
        files = [f for g in j[k] for f in glob.glob(os.path.join(D, g))]
        assert files, k


@check
def level_set_is_derived():
    """The committed level test set is exactly what scripts/make_level_set.py writes from the test clips."""
    import shutil
    import subprocess
    import tempfile
    levels = os.path.join(D, "levels")
    if not os.path.isdir(levels):
        return
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(D, "test"), os.path.join(tmp, "test"))
        script = os.path.join(os.path.dirname(MODELS), "scripts", "make_level_set.py")
        subprocess.run([sys.executable, script, tmp], check=True, stdout=subprocess.DEVNULL)
        made = sorted(os.listdir(os.path.join(tmp, "levels")))
        assert made == sorted(os.listdir(levels)), (made, sorted(os.listdir(levels)))
        for name in made:
            assert sha(os.path.join(tmp, "levels", name)) == sha(os.path.join(levels, name)), name


@check
def committed_wavs_match_manifest():
    sys.path.insert(0, MODELS)
    from dataset.audio_io import read_wav
    rows = list(csv.DictReader(open(os.path.join(D, "audio_manifest.csv"))))
    # levels/ is derived from test/ by scripts/make_level_set.py (checked by level_set_is_derived)
    on_disk = {os.path.relpath(p, D) for p in glob.glob(os.path.join(D, "*", "*.wav"))
               if not os.path.relpath(p, D).startswith("levels" + os.sep)}
    assert on_disk == {r["path"] for r in rows}, on_disk ^ {r["path"] for r in rows}
    for r in rows:
        assert sha(os.path.join(D, r["path"])) == r["sha256"], r["path"]
        assert len(read_wav(os.path.join(D, r["path"]), SR)) == int(round(float(r["duration_s"]) * SR))
    dur = lambda k: sum(float(r["duration_s"]) for r in rows if r["path"].startswith(k + "/"))
    if NAME == SHIPPED:
        assert dur("test") >= 35.0 and 5.0 <= dur("calibration") <= 20.0
    src = lambda k: {r["dataset_path"] for r in rows if r["path"].startswith(k + "/")}
    assert not src("test") & src("calibration")
    assert all(r["split"] == "test" for r in rows if r["path"].startswith("test/"))


@check
def dataset_manifest_consistent():
    rows = list(csv.DictReader(open(os.path.join(MODELS, "dataset", "manifest.csv"))))
    assert len({r["path"] for r in rows}) == len(rows)
    for r in rows:
        assert r["split"] in ("train", "val", "test") and r["licence"] and r["source"]
        assert len(r["sha256"]) == 64 and float(r["duration_s"]) > 0
        assert r["path"].startswith("wav/%s/" % r["split"])
    assert os.path.exists(os.path.join(D, "ATTRIBUTION.md"))


PARTS = ("encoder", "switch", "light", "heavy")  # ONNX node name prefixes (/encoder/...) = torch modules


def budget_from_onnx(path):
    """MACs per second of audio and float parameters, recomputed from the ONNX file itself (the rules
    of dsl/macs.py: Conv out_len*cout*cin/g*k, ConvTranspose in_len*cin*cout*k), per module (node name
    prefix) and per path by reachability from the outputs (light: switch_logit + light; heavy: the
    rest of heavy), as dslc partitions it. Both splits must agree."""
    sys.path.insert(0, MODELS)
    from dsl.checks import OnnxCost
    oc = OnnxCost(path, SR)
    light = oc.ancestors(["switch_logit", "light"])
    heavy = {k: n for k, n in oc.ancestors(["heavy"]).items() if k not in light}
    part = {p: oc.cost(oc.prefixed(p)) for p in PARTS}
    b = {"encoder": part["encoder"], "switch": part["switch"], "light_dec": part["light"], "heavy_dec": part["heavy"]}
    add = lambda *ks: {f: sum(b[k][f] for k in ks) for f in ("macs_per_s", "params")}
    b["light_path"] = add("encoder", "switch", "light_dec")
    b["heavy_path"] = add("heavy_dec")
    b["full_model"] = add("encoder", "heavy_dec")
    assert oc.cost(light.values()) == b["light_path"], (oc.cost(light.values()), b["light_path"])
    assert oc.cost(heavy.values()) == b["heavy_path"], (oc.cost(heavy.values()), b["heavy_path"])
    b["ratio_macs_full_over_light"] = b["full_model"]["macs_per_s"] / b["light_path"]["macs_per_s"]
    b["ratio_params_full_over_light"] = b["full_model"]["params"] / b["light_path"]["params"]
    return b


def metrics_problems(model_dir):
    """What is wrong with model_dir/metrics.json as a description of model_dir/model.onnx: a hash that
    is not the file's, a budget that the file does not have, or a budget criterion the figures do not
    meet. The quality criteria (SNR, shares) are the trainer's measurements, bound to the file by the hash."""
    m = json.load(open(os.path.join(model_dir, "metrics.json")))
    onnx_path = os.path.join(model_dir, "model.onnx")
    problems = []
    if m.get("onnx_sha256") != sha(onnx_path):
        problems.append("metrics.json describes model.onnx with sha256 %s, the shipped model.onnx has %s: "
                        "re-run models/dsl/ship.py for this model" % (m.get("onnx_sha256"), sha(onnx_path)))
    b = budget_from_onnx(onnx_path)
    for k, v in b.items():
        recorded = m["budget"].get(k)
        same = abs(recorded - v) < 1e-9 if isinstance(v, float) and recorded is not None else recorded == v
        if not same:
            problems.append("budget %s: metrics.json says %s, model.onnx has %s" % (k, recorded, v))
    meets = {
        "light_macs_ratio_ge_12.3": b["ratio_macs_full_over_light"] >= 12.3,
        "light_params_ratio_ge_20.9": b["ratio_params_full_over_light"] >= 20.9,
        "light_path_le_8M_macs": b["light_path"]["macs_per_s"] <= 8e6,
        "heavy_path_le_150M_macs_1.5M_params": b["heavy_path"]["macs_per_s"] <= 150e6 and b["heavy_path"]["params"] <= 1.5e6,
    }
    if NAME == SHIPPED:  # the budget targets are the shipped model's; a user's model only reports them
        problems += ["criterion %s: not met by model.onnx" % k for k, ok in meets.items() if not ok]
    return problems


@check
def metrics_describe_the_shipped_model():
    problems = metrics_problems(D)
    assert not problems, problems


@check
def stale_metrics_are_caught():
    """The metrics check says no: a metrics.json whose hash or budget is not the model's, or a changed
    model.onnx under unchanged metrics, is reported."""
    assert_stale_metrics_caught(D, metrics_problems)


@check
def metrics_criteria():
    m = json.load(open(os.path.join(D, "metrics.json")))
    bad = [k for k, v in m["criteria"].items() if not v]
    if NAME != SHIPPED:  # a model of the user's own data: its METRICS.md reports them, nothing more
        print("metrics_criteria: %s reports as not met: %s" % (NAME, ", ".join(bad) or "none"))
        return
    assert not bad, bad


@check
def few_training_steps():
    sys.path.insert(0, MODELS)
    from dsl import train
    with tempfile.TemporaryDirectory() as t:
        train.main(["--synthetic", "--steps", "4", "--batch", "2", "--seg", "6400", "--out", t,
                    "--log-every", "2", "--switch-steps", "3"])
        log = open(os.path.join(t, "log.txt")).read().split()
        loss = [float(log[i + 1]) for i, w in enumerate(log) if w == "loss"]
        assert len(loss) == 3 and all(np.isfinite(loss)), loss  # 2 stage-1 logs + 1 switch log
        assert os.path.exists(os.path.join(t, "ckpt.pt"))


@check
def training_is_deterministic():
    """Two identical tiny runs must give bit-identical weights (seeded, 1 thread, deterministic ops)."""
    sys.path.insert(0, MODELS)
    import torch
    from dsl import train
    sds = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as t:
            train.main(["--synthetic", "--steps", "3", "--batch", "2", "--seg", "3200", "--out", t,
                        "--log-every", "3", "--switch-steps", "2"])
            sds.append(torch.load(os.path.join(t, "ckpt.pt"))["model"])
    assert all(torch.equal(sds[0][k], sds[1][k]) for k in sds[0])


OWN_CONFIG = os.path.join(MODELS, "tests", "own_data.json")  # 8 kHz, frame 160, tiny sizes, 40 steps


def own_data(root):
    sys.path.insert(0, os.path.join(MODELS, "tests"))
    import make_own_data
    make_own_data.make(root, 8000, 5)
    return root


@check
def own_data_errors():
    """What a user gets wrong is one clear error naming the field or file, not a traceback."""
    sys.path.insert(0, MODELS)
    from dataset.audio_io import write_wav
    from dsl import config, train, userdata as U

    def raises(exc, fn, *words):
        try:
            fn()
        except exc as e:
            msg = str(e)
            assert all(w in msg for w in words) and "\n" not in msg, (msg, words)
            return
        raise AssertionError("no %s for %s" % (exc.__name__, words))

    with tempfile.TemporaryDirectory() as t:
        bad = os.path.join(t, "bad.json")  # one stride changed: 2*4*4*4 = 128, not the frame 160
        cfg = json.load(open(OWN_CONFIG))
        cfg["model"]["enc"][-1][1] = 4
        json.dump(cfg, open(bad, "w"))
        raises(config.ConfigError, lambda: config.load(bad), "model.enc", "128", "frame is 160")
        raises(SystemExit, lambda: train.main(["--config", bad, "--synthetic", "--out", t]), "dsl.train: error:", "model.enc")
        json.dump({"sample_rat": 8000}, open(bad, "w"))
        raises(config.ConfigError, lambda: config.load(bad), "unknown field sample_rat")
        json.dump({"train": {"seg": 4001}}, open(bad, "w"))
        raises(config.ConfigError, lambda: config.load(bad), "train.seg", "multiple of frame")
        raises(U.DataError, lambda: U.rows_of(os.path.join(t, "nope")), "no such data folder")
        os.makedirs(os.path.join(t, "empty", "speech"))
        raises(U.DataError, lambda: U.rows_of(os.path.join(t, "empty")), "speech", "no .wav files")
        raises(U.DataError, lambda: U.rows_of(os.path.join(t, "empty", "speech")), "no category sub-folders")
        open(os.path.join(t, "a.csv"), "w").write("path,category\nx.wav,speech\n")
        raises(U.DataError, lambda: U.rows_of(os.path.join(t, "a.csv")), "missing column(s) split")
        data = own_data(os.path.join(t, "data"))
        with open(os.path.join(t, "own.csv"), "w") as f:  # a CSV names its own split; paths relative to it
            f.write("path,category,split\n")
            for i, split in enumerate(("train", "train", "val", "test")):
                f.write("data/chirps/chirps_%02d.wav,chirp,%s\n" % (i, split))
        rows = U.rows_of(os.path.join(t, "own.csv"))
        assert [(r["split"], r["category"]) for r in rows] == [("train", "chirp")] * 2 + [("val", "chirp"), ("test", "chirp")]
        assert len(U.load_split(rows, "train", 8000)) == 2
        open(os.path.join(t, "b.csv"), "w").write("path,category,split\ndata/chirps/chirps_00.wav,chirp,train\n")
        raises(U.DataError, lambda: U.rows_of(os.path.join(t, "b.csv")), "val, test", "no files")
        write_wav(os.path.join(data, "tones", "tones_16k.wav"), np.zeros(16000, np.int16), 16000)
        rows = U.rows_of(data)
        split = next(r["split"] for r in rows if r["path"].endswith("tones_16k.wav"))
        raises(U.DataError, lambda: U.load_split(rows, split, 8000), "tones_16k.wav", "16000 Hz", "wants 8000 Hz")
        open(os.path.join(data, "noise", "broken.wav"), "wb").write(b"RIFF1234WAVEjunk")
        rows = U.rows_of(data)
        split = next(r["split"] for r in rows if r["path"].endswith("broken.wav"))
        raises(U.DataError, lambda: U.load_split(rows, split, 8000), "broken.wav", "not a readable PCM WAV")


def dslc_dll():
    """The built dslc (./build.sh builds it before this check runs in ./build.sh test)."""
    if os.environ.get("DSLC_DLL"):
        return os.environ["DSLC_DLL"]
    for conf in ("Release", "Debug"):
        p = os.path.join(os.path.dirname(MODELS), "generator", "dslc", "bin", conf, "net10.0", "dslc.dll")
        if os.path.exists(p):
            return p
    return None


@check
def own_data_end_to_end():
    """models/train.sh on a generated 3-category data set at 8 kHz with a 160-sample frame and its own
    sizes (tests/own_data.json, 40 steps): the exported model must go through dslc generate and
    validate bit-exact on the host, once as shipped and once with the threshold at the median test
    score so both routes are taken (tflite rounding)."""
    import shutil
    import subprocess
    sys.path.insert(0, MODELS)
    from dataset.audio_io import read_wav
    from dsl import onnx_np
    with tempfile.TemporaryDirectory() as t:
        data, out = own_data(os.path.join(t, "data")), os.path.join(t, "model")
        p = subprocess.run(["bash", os.path.join(MODELS, "train.sh"), "--data", data, "--config", OWN_CONFIG,
                            "--out", out], env=dict(os.environ, RUN=os.path.join(t, "run")),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        assert p.returncode == 0, p.stdout[-3000:]
        spec = json.load(open(os.path.join(out, "dsl.json")))
        assert (spec["name"], spec["sample_rate"], spec["frame"]) == ("own_data_8k", 8000, 160), spec
        cats = {r["category"] for r in csv.DictReader(open(os.path.join(out, "audio_manifest.csv")))}
        assert cats == {"tones", "noise", "chirps"}, cats
        metrics = json.load(open(os.path.join(out, "metrics.json")))
        assert metrics["background_mixture"] is None and set(metrics["test"]) == {"all"} | cats, metrics["test"].keys()
        dll = dslc_dll()
        if dll is None:
            print("own_data_end_to_end: dslc is not built, generate/validate skipped (./build.sh builds it)")
            return
        dslc = lambda *a: subprocess.run(["dotnet", dll] + list(a), stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, universal_newlines=True)
        r = dslc("generate", "-m", out, "-o", os.path.join(t, "gen"), "-q")
        assert r.returncode == 0, r.stdout[-3000:]
        for f in ("own_data_8k_light.c", "own_data_8k_heavy.c", "dsl_config.h"):
            assert os.path.exists(os.path.join(t, "gen", f)), (f, os.listdir(os.path.join(t, "gen")))
        r = dslc("validate", "-m", out, "-q", "--work", os.path.join(t, "v"))
        assert r.returncode == 0 and "bit-exact on host" in r.stdout, r.stdout[-3000:]
        routed = os.path.join(t, "routed")
        shutil.copytree(out, routed)
        m = onnx.load(os.path.join(out, "model.onnx"))
        scores = []
        for f in sorted(glob.glob(os.path.join(out, "test", "*.wav"))):
            x = read_wav(f, 8000).astype(np.float32) / 32768.0
            x = np.pad(x, (0, (-len(x)) % 160))[None, None]
            scores.append(onnx_np.run(m, {"audio": x})[0].ravel())
        spec["switch"]["threshold"] = round(float(np.median(np.concatenate(scores))), 6)
        json.dump(spec, open(os.path.join(routed, "dsl.json"), "w"), indent=2)
        r = dslc("validate", "-m", routed, "--rounding", "tflite", "-q", "--work", os.path.join(t, "v2"))
        assert r.returncode == 0 and "bit-exact on host" in r.stdout, r.stdout[-3000:]
        heavy = [int(w) for line in r.stdout.splitlines() if "bit-exact on host" in line
                 for w, nxt in zip(line.split(), line.split()[1:]) if nxt == "heavy"]
        assert heavy and heavy[0] > 0, r.stdout[-2000:]
        print("own_data_end_to_end: routed copy bit-exact with %d heavy frames" % heavy[0])


def main():
    return check.main()


if __name__ == "__main__":
    sys.exit(main())
