"""Stage 2: train the switch alone on the frozen, converged encoder and decoders.

Why: jointly, the switch chases a target that moves while the decoders learn, and its small
gradients are scaled down by the global clipping driven by the reconstruction losses; in the
first full run it ended almost constant (logits -0.4 +- 0.1 on every category). The switch reads a
detached embedding in both stages, so this stage changes nothing else in the model. Same target
and regulariser as in joint training (losses.switch_loss); the switch is re-initialised first with
a larger input gain (IN_GAIN)."""
import numpy as np
import torch

from . import losses as L


IN_GAIN = 50.0  # the embedding is small (mean |z| ~0.02): start the first conv 50x larger so
                # its ELU works in its nonlinear range (it needs |z|-like, i.e. level, features)


def reinit_switch(model, seed):
    torch.manual_seed(seed)
    for m in (model.switch.a.conv, model.switch.b.conv):
        torch.nn.init.normal_(m.weight, 0.0, (m.in_channels * m.kernel_size[0]) ** -0.5)
        torch.nn.init.zeros_(m.bias)
    with torch.no_grad():
        model.switch.a.conv.weight.mul_(IN_GAIN)


def train_switch(model, crops, steps, batch, lr, switch_cfg, w_share, frame, eps_frame, log=None):
    for p in model.parameters():
        p.requires_grad_(False)
    params = list(model.switch.parameters())
    for p in params:
        p.requires_grad_(True)
    opt = torch.optim.Adam(params, lr=lr)
    hist = []
    for step in range(1, steps + 1):
        x = crops.batch(batch)
        with torch.no_grad():
            z = model.encoder(x) * model.mask()[None, :, None]
            gain = L.heavy_gain_db(x, model.light(z), model.heavy(z), frame, eps_frame)
        logit = model.switch(z)
        loss, tshare = L.switch_loss(logit, gain, switch_cfg["tau_db"], switch_cfg["temp_db"],
                                     switch_cfg["share"], w_share)
        opt.zero_grad()
        loss.backward()
        opt.step()
        for g in opt.param_groups:  # linear decay to 10 %
            g["lr"] = lr * (1 - 0.9 * step / steps)
        hist.append([loss.item(), tshare.item(), torch.sigmoid(logit).mean().item(), logit.std().item()])
        if step % 50 == 0 or step == steps:
            msg = "switch step %d loss %.3f target_heavy %.2f pred_heavy %.2f logit_std %.2f" % (
                step, *np.mean(hist, 0))
            hist = []
            print(msg, flush=True)
            if log:
                print(msg, file=log, flush=True)
