"""A small numpy evaluator for exactly the ONNX ops our export emits (onnx.reference and
onnxruntime are not available here). Used to prove model.onnx reproduces PyTorch."""
import numpy as np
import onnx
from onnx import numpy_helper

DT = {1: np.float32, 6: np.int32, 7: np.int64, 9: np.bool_, 11: np.float64}


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    # x [N,C,T], w [O,C,K]; 1-D, group 1
    assert a.get("group", 1) == 1
    s = a.get("strides", [1])[0]
    d = a.get("dilations", [1])[0]
    p0, p1 = a.get("pads", [0, 0])
    x = np.pad(x, ((0, 0), (0, 0), (p0, p1)))
    O, C, K = w.shape
    Tout = (x.shape[2] - d * (K - 1) - 1) // s + 1
    y = np.zeros((x.shape[0], O, Tout), np.float64)
    for k in range(K):
        xs = x[:, :, k * d: k * d + s * (Tout - 1) + 1: s]  # [N,C,Tout]
        y += np.einsum("oc,nct->not", w[:, :, k].astype(np.float64), xs)
    if b is not None:
        y += b[None, :, None]
    return y


def _convT(x, w, b, a):
    # x [N,C,T], w [C,O,K]; out len (T-1)*s + K - pads
    assert a.get("group", 1) == 1
    s = a.get("strides", [1])[0]
    p0, p1 = a.get("pads", [0, 0])
    C, O, K = w.shape
    N, _, T = x.shape
    y = np.zeros((N, O, (T - 1) * s + K), np.float64)
    for k in range(K):
        y[:, :, k: k + s * (T - 1) + 1: s] += np.einsum("co,nct->not", w[:, :, k].astype(np.float64), x)
    if b is not None:
        y += b[None, :, None]
    return y[:, :, p0: y.shape[2] - p1]


def _slice(x, starts, ends, axes=None, steps=None):
    axes = range(len(starts)) if axes is None else axes
    steps = [1] * len(starts) if steps is None else steps
    sl = [slice(None)] * x.ndim
    for st, en, ax, sp in zip(starts, ends, axes, steps):
        sl[int(ax)] = slice(int(max(min(st, 2**62), -2**62)), int(max(min(en, 2**62), -2**62)), int(sp))
    return x[tuple(sl)]


def _pad(x, pads, value=None, mode="constant"):
    assert mode in ("constant", b"constant")
    n = x.ndim
    pw = [(int(pads[i]), int(pads[i + n])) for i in range(n)]
    return np.pad(x, pw, constant_values=0 if value is None else value)


def run(model, feeds, env_out=None):
    """Evaluate in float64 (then compare to torch float32 with a tolerance). env_out (a dict), when
    given, receives every tensor of the graph by name (e.g. to read intermediate shapes)."""
    g = model.graph
    env = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    env.update({k: np.asarray(v, np.float64) for k, v in feeds.items()})
    for n in g.node:
        a = _attrs(n)
        i = [env[x] if x else None for x in n.input]
        op = n.op_type
        if op == "Constant":
            r = numpy_helper.to_array(a["value"])
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            r = np.full(tuple(int(d) for d in i[0]), v.flatten()[0], v.dtype)
        elif op == "Concat":
            r = np.concatenate(i, axis=a["axis"])
        elif op == "Reshape":
            shp = [int(d) if d != 0 else i[0].shape[j] for j, d in enumerate(i[1])]
            r = i[0].reshape(shp)
        elif op == "Slice":
            r = _slice(i[0], *[list(v) if v is not None else None for v in i[1:]])
        elif op == "Transpose":
            r = np.transpose(i[0], a.get("perm"))
        elif op == "Cast":
            r = i[0].astype(DT[a["to"]])
        elif op == "Pad":
            r = _pad(i[0], i[1], i[2].item() if len(i) > 2 and i[2] is not None else None,
                     a.get("mode", "constant"))
        elif op == "Conv":
            r = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
        elif op == "ConvTranspose":
            r = _convT(i[0], i[1], i[2] if len(i) > 2 else None, a)
        elif op == "Elu":
            al = a.get("alpha", 1.0)
            r = np.where(i[0] > 0, i[0], al * (np.exp(np.minimum(i[0], 0)) - 1))
        elif op == "Add":
            r = i[0] + i[1]
        elif op == "Mul":
            r = i[0] * i[1]
        elif op in ("Identity",):
            r = i[0]
        elif op == "Shape":
            r = np.array(i[0].shape, np.int64)
        elif op == "Gather":
            r = np.take(i[0], i[1], axis=a.get("axis", 0))
        elif op == "Unsqueeze":
            r = np.expand_dims(i[0], tuple(int(v) for v in i[1]))
        else:
            raise NotImplementedError("op %s not in the evaluator" % op)
        env[n.output[0]] = r
    if env_out is not None:
        env_out.update(env)
    return [env[o.name] for o in g.output]
