"""The DSL autoencoder: tiny causal encoder -> learned channel mask -> {switch, light decoder,
heavy decoder}. Sizes come from the run config (dsl/config.py) so MAC/param counts (macs.py) follow the code."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import load, model_sizes
from .layers import CConv, CConvT, ResUnit

# Encoder: (cout, stride, [res-unit dilations after the down-sampling conv]); the shipped sizes live in
# models/configs/dsl_soundstream_s.json ("model"). Why so small: the encoder runs always-on, it is most
# of the light path's MACs budget.
CONFIG = model_sizes(load())


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        layers, c = [], 1
        for i, (co, s, dils) in enumerate(cfg["enc"]):
            if i:
                layers.append(nn.ELU())
            layers.append(CConv(c, co, 2 * s, stride=s))
            for d in dils:
                layers.append(ResUnit(co, d))
            c = co
        self.net = nn.Sequential(*layers)  # ends in a linear conv: the embedding has no activation
        self.dim = c

    def forward(self, x):
        return self.net(x)


class Decoder(nn.Module):
    """Conv in -> res units -> [ELU, ConvT up, res units]* -> ELU -> plain Conv out (no tanh)."""

    def __init__(self, din, cin, ups, out_k, res_in=()):
        super().__init__()
        layers = [CConv(din, cin, 3)] + [ResUnit(cin, d) for d in res_in]
        c = cin
        for up in ups:
            co, s, dils = up if len(up) == 3 else (up[0], up[1], [])
            layers += [nn.ELU(), CConvT(c, co, s)] + [ResUnit(co, d) for d in dils]
            c = co
        layers += [nn.ELU(), CConv(c, 1, out_k)]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(z)


class Switch(nn.Module):
    """Per-frame logit from the masked embedding; causal k=3 looks at 2 past frames only."""

    def __init__(self, d, h):
        super().__init__()
        self.a = CConv(d, h, 3)
        self.b = CConv(h, 1, 1)

    def forward(self, z):
        return self.b(F.elu(self.a(z)))


class DSLModel(nn.Module):
    def __init__(self, cfg=CONFIG):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        d = self.encoder.dim
        # Mask gate per embedding channel, clamped to [0, 1]; L1 pushes unneeded ones to 0.
        self.gate = nn.Parameter(torch.ones(d))
        self.register_buffer("alive", torch.ones(d))  # 0 after pruning
        lc, hc = cfg["light"], cfg["heavy"]
        self.switch = Switch(d, cfg["switch_hidden"])
        self.light = Decoder(d, lc["in"], lc["ups"], lc["out_k"])
        self.heavy = Decoder(d, hc["in"], hc["ups"], hc["out_k"], hc["res_in"])

    def mask(self):
        return self.gate.clamp(0.0, 1.0) * self.alive

    def forward(self, x):
        z = self.encoder(x) * self.mask()[None, :, None]
        # The switch learns from its own target only: it must not bend the embedding.
        return self.switch(z.detach()), self.light(z), self.heavy(z), z

    @torch.no_grad()
    def prune(self, keep):
        """Freeze the mask: keep the `keep` largest gates (and only those still > 0)."""
        g = self.mask()
        order = torch.argsort(g, descending=True)
        alive = torch.zeros_like(g)
        alive[order[:keep]] = 1.0
        self.alive.copy_(alive * (g > 0).float())
        self.gate.requires_grad_(False)
