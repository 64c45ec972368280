"""The GC model. Light path (always-on): a strided causal conv encoder on raw audio down to one feature
vector per frame, and the gate head (one logit per frame). Heavy path: causal dilated temporal convs
over the encoder features (the handoff), ending in C class logits per frame. Sizes come from the config.

Reused pieces: dsl/model.Encoder (the same encoder family as the DSL model), dsl/layers (causal convs,
residual units)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from dsl.layers import CConv, ResUnit
from dsl.model import Encoder

from .config import classes


def blocked_conv(conv, x):
    """A causal strided CConv (k = 2*stride, left pad k-stride) computed as a k=2 conv over blocks of
    `stride` samples: the same sums, ~2x faster to train on CPU than PyTorch's strided conv with few
    channels. Training only; the export keeps the plain Conv."""
    c, s = conv.conv, conv.stride
    n, ci, t = x.shape
    xb = x.reshape(n, ci, t // s, s).permute(0, 1, 3, 2).reshape(n, ci * s, t // s)
    co = c.weight.shape[0]
    wb = c.weight.reshape(co, ci, 2, s).permute(0, 1, 3, 2).reshape(co, ci * s, 2)
    return F.conv1d(F.pad(xb, (1, 0)), wb, c.bias)


def encode(encoder, x):
    for layer in encoder.net:
        if isinstance(layer, CConv) and layer.stride > 1 and layer.conv.kernel_size[0] == 2 * layer.stride:
            x = blocked_conv(layer, x)
        else:
            x = layer(x)
    return x


class Classifier(nn.Module):
    """Conv d->c (k) then residual units with growing dilation (receptive field ~1 s), ELU, 1x1 to logits."""

    def __init__(self, d, c, k, dilations, n_classes):
        super().__init__()
        self.net = nn.Sequential(CConv(d, c, k), *[ResUnit(c, dl, k) for dl in dilations], nn.ELU(),
                                 CConv(c, n_classes, 1))

    def forward(self, z):
        return self.net(z)


class GCModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        m = cfg["model"]
        self.encoder = Encoder({"enc": [(int(c), int(s), list(d)) for c, s, d in m["enc"]]})
        d = self.encoder.dim
        g = m["gate"]
        # The gate: the same block as the classifier with one output, a few frames of context and few channels.
        self.gate = Classifier(d, g["hidden"], g["k"], g["dilations"], 1)
        h = m["heavy"]
        self.heavy = Classifier(d, h["in"], h["k"], h["dilations"], len(classes(cfg)))
        with torch.no_grad():  # audio is quiet (keywords at -34..-10 dBFS): start the first conv in ELU's
            first = self.encoder.net[0].conv  # nonlinear range, as dsl/switch_stage.py does for its switch
            first.weight.mul_(m["in_gain"])

    def forward(self, x):
        """audio [N,1,T] -> gate logits [N,1,F], class logits [N,C,F], features [N,D,F]."""
        z = encode(self.encoder, x) if self.training else self.encoder(x)
        return self.gate(z), self.heavy(z), z


class Exported(nn.Module):
    """The ONNX graph of the contract: audio -> switch_logit, scores."""

    def __init__(self, m):
        super().__init__()
        self.encoder, self.gate, self.heavy = m.encoder, m.gate, m.heavy

    def forward(self, audio):
        z = self.encoder(audio)
        return self.gate(z), self.heavy(z)


def budget(model, sr):
    """MACs/s and parameters of each path (dsl/macs.py rules). Light = encoder + gate (always-on);
    heavy = classifier; full = everything (the ungated cost)."""
    from dsl.macs import count
    model.eval()  # the export's plain convs (training computes the strided ones blocked, unhooked)
    p = count(model, {"encoder": [model.encoder], "gate": [model.gate], "heavy": [model.heavy]}, sr)
    add = lambda *ks: {f: sum(p[k][f] for k in ks) for f in ("macs_per_s", "params")}
    p["light_path"] = add("encoder", "gate")
    p["heavy_path"] = add("heavy")
    p["full_model"] = add("encoder", "gate", "heavy")
    p["ratio_heavy_over_light_macs"] = p["heavy_path"]["macs_per_s"] / p["light_path"]["macs_per_s"]
    return p
