"""Shared pieces of the models/ CI checks (dsl/ci_check.py, gated/ci_check.py): the runner that prints
one line per check and 'N passed, M failed', and MACs/params recomputed from an ONNX file."""
import hashlib
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
