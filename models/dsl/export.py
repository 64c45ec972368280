"""Fold the mask into the encoder, prune dead embedding channels, export ONNX (opset 13).

The exported graph is what plain torch.onnx.export emits for the pruned model; nothing is
hand-edited. Mask folding is exact because the embedding is the encoder's last (linear) conv:
z_c = g_c * (W_c * h + b_c) = (g_c W_c) * h + g_c b_c."""
import copy

import torch
import torch.nn as nn

from .model import DSLModel

OUTPUTS = ["switch_logit", "light", "heavy", "embedding"]


def pruned_model(ckpt):
    cfg = ckpt["config"]
    m = DSLModel(cfg)
    m.load_state_dict(ckpt["model"])
    g = m.mask().detach()
    idx = torch.nonzero(g > 0).flatten()
    cfg_e = copy.deepcopy(cfg)
    co, s, d = cfg["enc"][-1]
    assert not d, "last encoder stage must end in its conv for the mask fold"
    cfg_e["enc"][-1] = (len(idx), s, d)
    e = DSLModel(cfg_e)
    sd = {k: v for k, v in m.state_dict().items() if k not in ("gate", "alive")}
    last = [k for k in sd if k.startswith("encoder.net.")][-2:]  # weight, bias of last conv
    for k in last:
        sd[k] = sd[k][idx] * g[idx].view(-1, *([1] * (sd[k].dim() - 1)))
    for k in ("switch.a.conv.weight", "light.net.0.conv.weight", "heavy.net.0.conv.weight"):
        sd[k] = sd[k][:, idx]
    sd["gate"] = torch.ones(len(idx))
    sd["alive"] = torch.ones(len(idx))
    e.load_state_dict(sd)
    e.eval()
    return e, idx


class Exported(nn.Module):
    """audio [1,1,T] -> switch_logit [1,1,F], light [1,1,T], heavy [1,1,T], embedding [1,D,F]."""

    def __init__(self, m):
        super().__init__()
        self.encoder, self.switch, self.light, self.heavy = m.encoder, m.switch, m.light, m.heavy

    def forward(self, audio):
        z = self.encoder(audio)
        return self.switch(z), self.light(z), self.heavy(z), z


def export(ckpt, path, T):
    """T: the trace length in samples (one second rounded up to whole frames; T stays dynamic)."""
    m, idx = pruned_model(ckpt)
    w = Exported(m).eval()
    x = torch.zeros(1, 1, T)
    torch.onnx.export(w, (x,), path, opset_version=13, input_names=["audio"], output_names=OUTPUTS,
                      dynamic_axes={"audio": {2: "T"}, "switch_logit": {2: "F"}, "light": {2: "T"},
                                    "heavy": {2: "T"}, "embedding": {2: "F"}},
                      do_constant_folding=True)
    return m, w, idx
