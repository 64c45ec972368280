"""Label-free losses. See models/README.md for the weights and the reasons."""
import torch
import torch.nn.functional as F

# The frame, the STFT sizes (config "loss.stft_ffts": short windows for transients, long for pitch)
# and the per-frame error floor (config "loss.eps_frame", 1e-3 = -30 dBFS: a win on errors below an
# always-on mic's background level buys no audible quality, so such frames should stay light) come
# from the run config (dsl/config.py).


def stft_loss(x, y, ffts):
    """Mean over resolutions of L1 on magnitudes + L1 on log magnitudes (hop = n/4)."""
    tot = 0.0
    for n in ffts:
        w = torch.hann_window(n)
        X = torch.stft(x.squeeze(1), n, n // 4, window=w, return_complex=True).abs()
        Y = torch.stft(y.squeeze(1), n, n // 4, window=w, return_complex=True).abs()
        tot = tot + (X - Y).abs().mean() + (torch.log(X + 1e-5) - torch.log(Y + 1e-5)).abs().mean()
    return tot / len(ffts)


def nmse_loss(x, y):
    """Error energy / signal energy over the batch (= 1/SNR, linear). MSE-based because SNR is
    what routing quality is judged by; normalised so the random training gains do not change
    its scale. (A per-segment log-SNR was tried: equal weight to unlearnable noise segments
    kept the outputs at zero.)"""
    return ((x - y) ** 2).sum() / ((x ** 2).sum() + 1e-6)


def rec_loss(x, y, ffts, w_wave, w_stft=1.0, w_l1=0.0):
    r = w_wave * nmse_loss(x, y)
    if w_stft:
        r = r + w_stft * stft_loss(x, y, ffts)
    if w_l1:
        r = r + w_l1 * (x - y).abs().mean()
    return r


def frame_err(x, y, frame):
    """Per-frame mean squared error, [B, F]."""
    B, _, T = x.shape
    return ((x - y) ** 2).reshape(B, T // frame, frame).mean(-1)


def heavy_gain_db(x, yl, yh, frame, eps_frame):
    """How much the heavy decoder beats the light one on each frame, in dB (detached)."""
    with torch.no_grad():
        el, eh = frame_err(x, yl, frame), frame_err(x, yh, frame)
        return 10 * torch.log10((el + eps_frame) / (eh + eps_frame))


def switch_loss(logit, gain_db, tau_db, temp_db, share, w_share):
    """BCE towards a soft 'heavy is worth it' target, plus a quadratic pull of the mean heavy
    probability towards the wanted share of heavy frames."""
    logit = logit.squeeze(1)
    target = torch.sigmoid((gain_db - tau_db) / temp_db)
    bce = F.binary_cross_entropy_with_logits(logit, target)
    reg = (torch.sigmoid(logit).mean() - share) ** 2
    return bce + w_share * reg, target.mean()
