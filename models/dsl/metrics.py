"""Routing and quality measures (numpy). Routing follows docs/architecture.md ("Routing"): a frame is heavy while
score >= threshold, and stays heavy for `hold` frames after the last trigger."""
import numpy as np


def route(scores, thr, hold):
    trig = scores >= thr
    heavy = trig.copy()
    for h in range(1, hold + 1):
        heavy[h:] |= trig[:-h]
    return heavy


def splice(light, heavy, is_heavy, frame):
    m = np.repeat(is_heavy, frame)[: len(light)]
    return np.where(m, heavy, light)


def energies(x, y):
    """(signal energy, error energy) so categories aggregate as sum/sum."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    return float(np.sum(x * x)), float(np.sum((x - y) ** 2))


def snr_db(es, ee):
    return 10 * np.log10((es + 1e-12) / (ee + 1e-12))


def lsd_window(sr):
    """LSD FFT size: the power of two covering 32 ms (512 at 16 kHz, 256 at 8 kHz)."""
    n = 1
    while n < sr * 32 // 1000:
        n *= 2
    return n


def lsd_frames(x, y, n, hop):
    """Per-frame log-spectral distance in dB (power floor 1e-10, i.e. -100 dBFS); n from lsd_window,
    hop half a frame (512 and 160 for the shipped 16 kHz, 320-sample frame)."""
    w = np.hanning(n)
    if len(x) < n:
        return np.zeros(0)
    idx = np.arange(0, len(x) - n + 1, hop)
    X = np.abs(np.fft.rfft(np.stack([x[i:i + n] * w for i in idx]), axis=1)) ** 2 / n
    Y = np.abs(np.fft.rfft(np.stack([y[i:i + n] * w for i in idx]), axis=1)) ** 2 / n
    d = 10 * np.log10(X + 1e-10) - 10 * np.log10(Y + 1e-10)
    return np.sqrt(np.mean(d * d, axis=1))
