"""Shared pieces of the models/ CI checks (dsl/ci_check.py, gated/ci_check.py): the runner that prints
one line per check and 'N passed, M failed', and MACs/params recomputed from an ONNX file."""
import hashlib
import json
import os
import shutil
import tempfile
import traceback

import numpy as np
import onnx


class Checks:
    """A list of check functions (use the instance as a decorator) and the runner."""

    def __init__(self):
        self.fns = []

    def __call__(self, f):
        self.fns.append(f)
        return f

    def main(self):
        ok = bad = 0
        for f in self.fns:
            try:
                f()
                ok += 1
                print("PASS", f.__name__, flush=True)
            except Exception:
                bad += 1
                print("FAIL", f.__name__, flush=True)
                traceback.print_exc()
        print("%d passed, %d failed" % (ok, bad))
        return 1 if bad else 0


def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()


def assert_stale_metrics_caught(model_dir, metrics_problems, files=("model.onnx",)):
    """A metrics check that can say no: `metrics_problems(folder)` finds nothing in a copy of `model_dir`,
    but reports a metrics.json whose sha256 or budget is not the model's, and a changed model.onnx under
    unchanged metrics. `files` are what the check reads besides metrics.json."""
    m = json.load(open(os.path.join(model_dir, "metrics.json")))
    with tempfile.TemporaryDirectory() as t:
        for f in files:
            shutil.copy(os.path.join(model_dir, f), t)

        def problems_with(metrics):
            json.dump(metrics, open(os.path.join(t, "metrics.json"), "w"))
            return metrics_problems(t)

        assert problems_with(m) == []
        stale = dict(m, onnx_sha256=("0" if m["onnx_sha256"][0] != "0" else "1") + m["onnx_sha256"][1:])
        assert any("sha256" in p for p in problems_with(stale))
        budget = json.loads(json.dumps(m["budget"]))
        budget["heavy_path"]["params"] += 1
        assert any("budget heavy_path" in p for p in problems_with(dict(m, budget=budget)))
        onx = onnx.load(os.path.join(model_dir, "model.onnx"))
        w = next(i for i in onx.graph.initializer if i.data_type == onnx.TensorProto.FLOAT and i.raw_data)
        w.raw_data = bytes([w.raw_data[0] ^ 1]) + w.raw_data[1:]
        onnx.save(onx, os.path.join(t, "model.onnx"))
        assert any("sha256" in p for p in problems_with(m))


class OnnxCost:
    """MACs per second of audio and float parameters of node sets of an ONNX model, by the rules of
    dsl/macs.py (Conv out_len*cout*cin/g*k, ConvTranspose in_len*cin*cout*k), from one second of zeros."""

    def __init__(self, path, sr, input_name="audio"):
        from . import onnx_np
        self.model = onnx.load(path)
        g = self.model.graph
        self.env = {}
        onnx_np.run(self.model, {input_name: np.zeros((1, 1, sr), np.float32)}, self.env)
        self.floats = {t.name: int(np.prod(t.dims)) for t in g.initializer if t.data_type == onnx.TensorProto.FLOAT}
        self.producer = {o: n for n in g.node for o in n.output}

    def cost(self, nodes):
        macs = params = 0
        env = self.env
        for n in nodes:
            params += sum(self.floats.get(x, 0) for x in n.input)
            w = env[n.input[1]] if n.op_type in ("Conv", "ConvTranspose") else None
            if n.op_type == "Conv":
                macs += env[n.output[0]].shape[-1] * w.shape[0] * w.shape[1] * w.shape[2]
            elif n.op_type == "ConvTranspose":
                group = next((a.i for a in n.attribute if a.name == "group"), 1)
                macs += env[n.input[0]].shape[-1] * w.shape[0] * w.shape[1] * group * w.shape[2]
        return {"macs_per_s": int(macs), "params": int(params)}

    def ancestors(self, tensors):
        """{id(node): node} of every node the tensors depend on."""
        seen, stack = {}, list(tensors)
        while stack:
            n = self.producer.get(stack.pop())
            if n is not None and id(n) not in seen:
                seen[id(n)] = n
                stack.extend(x for x in n.input if x)
        return seen

    def prefixed(self, prefix):
        """The nodes of one torch module (node names /<module>/...)."""
        return [n for n in self.model.graph.node if n.name.startswith("/%s/" % prefix)]
