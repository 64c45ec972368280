"""Exact MACs and parameter counts from layer shapes (forward hooks on 1 s of audio).

MACs: Conv1d = out_len*cout*(cin/groups)*k; ConvTranspose1d = in_len*cin*cout*k (all products
the transposed conv computes, including the k-stride cropped samples: an upper bound the C code
can only undercut). Biases, activations and adds are not MACs (counted by dslc separately)."""
import torch
import torch.nn as nn


def count(model, parts, sr):
    """parts: {name: [submodules]} -> {name: {"macs_per_s", "params"}}; one second of input (sr samples)."""
    macs = {}

    def hook(mod, inp, out):
        x = inp[0]
        if isinstance(mod, nn.ConvTranspose1d):
            n = x.shape[-1] * mod.in_channels * mod.out_channels * mod.kernel_size[0]
        else:
            n = out.shape[-1] * mod.out_channels * (mod.in_channels // mod.groups) * mod.kernel_size[0]
        macs[mod] = macs.get(mod, 0) + n

    hs = [m.register_forward_hook(hook) for m in model.modules()
          if isinstance(m, (nn.Conv1d, nn.ConvTranspose1d))]
    with torch.no_grad():
        model(torch.zeros(1, 1, sr))
    for h in hs:
        h.remove()
    res = {}
    for name, mods in parts.items():
        convs = {c for m in mods for c in m.modules() if c in macs}
        params = sum(p.numel() for m in mods for p in m.parameters())
        res[name] = {"macs_per_s": int(sum(macs[c] for c in convs)), "params": int(params)}
    return res


def dsl_budget(model, sr):
    """Light = encoder+mask+switch+light decoder; heavy path = heavy decoder; full = encoder+heavy."""
    p = count(model, {"encoder": [model.encoder], "switch": [model.switch], "light_dec": [model.light],
                      "heavy_dec": [model.heavy]}, sr)
    add = lambda *ks: {f: sum(p[k][f] for k in ks) for f in ("macs_per_s", "params")}
    p["light_path"] = add("encoder", "switch", "light_dec")
    p["heavy_path"] = add("heavy_dec")
    p["full_model"] = add("encoder", "heavy_dec")
    p["ratio_macs_full_over_light"] = p["full_model"]["macs_per_s"] / p["light_path"]["macs_per_s"]
    p["ratio_params_full_over_light"] = p["full_model"]["params"] / p["light_path"]["params"]
    return p
